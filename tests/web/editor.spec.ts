// The structured editor (issue 15) in Debian's Chromium against the real
// server: structure edits on corpus 003 imported into the register (new
// clause, sub-clause, table row and merged cells, paste from Word), undo back
// to the loaded XML, the conflict of two browsers, local recovery after a
// reload, the schema's errors at their place, the round trip through the
// page, axe — with the keyboard wherever a person can use it.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { ApiClient } from './support/api';
import { expect, expectAccessible, signInByApi, test, type Opened } from './support/fixtures';
import { freshDataDir, serverEnvironment, startServer, type RunningServer } from './support/server';

const source = process.env.NUSQA_SOURCE_DIR!;
let serial = 0;

// The drafts these tests make are documents of the register: they live on
// a server of their own (one per worker), so that the other pages' tests
// count the seeded register undisturbed.
let server: RunningServer;
const password = randomBytes(12).toString('hex');

test.beforeAll(async () => {
  const dataDir = freshDataDir('editor');
  server = await startServer(dataDir);
  const made = spawnSync(
    process.env.NUSQA_BIN!,
    ['admin', 'create-user', '--login', 'office', '--email', 'office@university.test', '--roles', 'quality_office', '--password-stdin'],
    { env: serverEnvironment(dataDir), input: `${password}\n`, encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(`create-user: ${made.stdout}${made.stderr}`);
});

test.afterAll(async () => {
  await server?.stop();
});

async function openSignedIn(openPage: (options?: { baseURL?: string }) => Promise<Opened>): Promise<Opened> {
  const opened = await openPage({ baseURL: server.baseURL });
  await signInByApi(opened, 'office', password);
  return opened;
}

function canonical(xml: string): string {
  return execFileSync(process.env.NUSQA_BIN!, ['canonical', '-'], { input: xml, encoding: 'utf8' });
}

async function office(): Promise<ApiClient> {
  return ApiClient.signedIn(server.baseURL, 'office', password);
}

// A draft in the register made from XML (its code replaced by a new one).
async function draftFromXml(xml: string): Promise<{ editionId: number; code: string }> {
  const api = await office();
  const code = `РЕД-${process.pid}-${++serial}-${Date.now() % 100000}`;
  const text = xml.replace(/<code>[^<]*<\/code>/, `<code>${code}</code>`);
  const pick = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(text)?.[1] ?? '';
  const document = await api.post('/api/v1/documents', {
    code,
    kind: pick('kind'),
    title: pick('title').trim() || code,
    unit: '',
    language: pick('language'),
  });
  const edition = await api.request('POST', `/api/v1/documents/${document.id}/editions`, text, 'application/xml');
  return { editionId: edition.id, code };
}

// Corpus 003 imported from its .txt through the API, registered as a draft.
async function draftOfCorpus(number = '003'): Promise<{ editionId: number; code: string; xml: string }> {
  const api = await office();
  const file = { '002': '002_079be217a8ed26c8.txt', '003': '003_4c9f1a3bbc42c64b.txt' }[number]!;
  const imported = await api.request('POST', `/api/v1/import?name=${file}`, readFileSync(join(source, 'tests/fixtures/corpus', file), 'utf8'), 'text/plain; charset=utf-8');
  const draft = await draftFromXml(imported.xml);
  return { ...draft, xml: await serverXml(draft.editionId) };
}

async function serverXml(editionId: number): Promise<string> {
  const api = await office();
  const response = await fetch(`${server.baseURL}/api/v1/editions/${editionId}`, {
    headers: { Accept: 'application/xml', Cookie: (api as unknown as { cookie: string }).cookie },
  });
  expect(response.status).toBe(200);
  return response.text();
}

function clauses(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const match of xml.matchAll(/<(?:sub)?clause eId="([^"]+)">\s*<num>([^<]*)<\/num>/g)) out.set(match[1], match[2]);
  return out;
}

async function openEditor(page: Page, editionId: number): Promise<Locator> {
  await page.goto(`/editions/${editionId}/edit`);
  const editor = page.getByRole('textbox', { name: 'Басылымның мәтіні' });
  await expect(editor).toBeVisible();
  await expect(page.locator('.editor-bar [role=status]').filter({ hasText: 'Өзгеріс жоқ' })).toBeVisible();
  return editor;
}

// The caret at the end of the element's text (as a click there would put it).
async function caretAtEnd(page: Page, target: Locator): Promise<void> {
  await target.evaluate((element) => {
    (element.closest('[contenteditable]') as HTMLElement).focus();
    const range = document.createRange();
    range.selectNodeContents(element);
    range.collapse(false);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
  });
  // ProseMirror reads the selection on selectionchange.
  await page.waitForTimeout(50);
}

async function save(page: Page): Promise<void> {
  await page.keyboard.press('Control+s');
  await expect(page.locator('.editor-bar [role=status]').filter({ hasText: 'Сақталды' })).toBeVisible();
}

test('a new clause under chapter 2 of corpus 003: the following clauses are renumbered and keep their eIds', async ({ openPage }) => {
  const draft = await draftOfCorpus('003');
  const before = clauses(draft.xml);
  const opened = await openSignedIn(openPage);
  const { page } = opened;
  await openEditor(page, draft.editionId);

  // In clause 3 (chapter 2): a new clause after it, typed.
  await caretAtEnd(page, page.locator('.x-clause[data-eid="cl_3"] > p').first());
  await page.keyboard.press('Control+Alt+n');
  await page.keyboard.type('Бөлім өз жұмысын жоспар бойынша атқарады.');
  await expect(page.locator('.x-chapter[data-eid="chp_2"] > .x-clause').nth(1)).toHaveAttribute('data-num', '4.');
  await save(page);

  const saved = await serverXml(draft.editionId);
  const after = clauses(saved);
  const made = [...after].find(([eId]) => !before.has(eId))!;
  expect(made[1]).toBe('4.');
  expect(made[0]).toMatch(/^cl_4-e1$/);
  expect(saved).toContain('Бөлім өз жұмысын жоспар бойынша атқарады.');
  expect(saved).toMatch(/<document [^>]*eIdCounter="1"/);
  // Every clause after it: one up (until the source's own gap after 6),
  // each under its old eId.
  expect(after.get('cl_3')).toBe('3.');
  expect(after.get('cl_4')).toBe('5.');
  expect(after.get('cl_5')).toBe('6.');
  expect(after.get('cl_6')).toBe('7.');
  expect(after.get('cl_8')).toBe('8.');
  expect(after.get('cl_9')).toBe('9.');
  for (const eId of before.keys()) expect(after.has(eId), eId).toBe(true);
});

test('with the keyboard alone: Enter, Tab into a sub-clause, a table with a row added and two cells merged, paste from Word — then undo all of it back to the loaded XML', async ({ openPage }) => {
  const draft = await draftOfCorpus('003');
  const opened = await openSignedIn(openPage);
  const { page } = opened;
  const editor = await openEditor(page, draft.editionId);

  // Enter at the end of clause 1 makes clause 2; Tab makes it sub-clause 1) of clause 1.
  await caretAtEnd(page, page.locator('.x-clause[data-eid="cl_1"] > p').first());
  await page.keyboard.press('Enter');
  await page.keyboard.type('Жаңа тармақ');
  const made = page.locator('.x-chapter[data-eid="chp_1"] > .x-clause').nth(1);
  await expect(made).toHaveAttribute('data-num', '2.');
  await expect(page.locator('.x-clause[data-eid="cl_2"]')).toHaveAttribute('data-num', '3.');
  await page.keyboard.press('Tab');
  const sub = page.locator('.x-clause[data-eid="cl_1"] > .x-subclause');
  await expect(sub).toHaveAttribute('data-num', '1)');
  await expect(sub).toContainText('Жаңа тармақ');
  await expect(page.locator('.x-clause[data-eid="cl_2"]')).toHaveAttribute('data-num', '2.');

  // A table (Ctrl+Alt+T), a row added (Ctrl+Alt+R), two cells selected
  // with Shift+Arrow and merged (Ctrl+Alt+M).
  await page.keyboard.press('Control+Alt+t');
  const table = page.locator('.x-table table').first();
  await expect(table.locator('tr')).toHaveCount(2);
  await page.keyboard.type('А');
  await page.keyboard.press('Control+Alt+r');
  await expect(table.locator('tr')).toHaveCount(3);
  // From the end of the cell's text, Shift+Right takes in the next cell.
  await page.keyboard.press('Shift+ArrowRight');
  await expect(table.locator('td.selectedCell')).toHaveCount(2);
  await page.keyboard.press('Control+Alt+m');
  await expect(table.locator('tr').first().locator('td')).toHaveCount(2);
  await expect(table.locator('td[colspan="2"]')).toHaveCount(1);

  // Paste what Word puts on the clipboard: two numbered paragraphs, a
  // bulleted list, a table — into an empty paragraph of clause 2.
  await caretAtEnd(page, page.locator('.x-clause[data-eid="cl_2"] > p').first());
  await page.keyboard.press('Control+Enter');
  const html = readFileSync(join(source, 'tests/fixtures/paste/word-clauses.html'), 'utf8');
  await editor.evaluate((element, content) => {
    const data = new DataTransfer();
    data.setData('text/html', content);
    data.setData('text/plain', 'Бөлім өз қызметін ...');
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, html);
  await expect(page.locator('.editor-bar [role=status]')).toContainText('Қойылды');
  const pasted = page.locator('.x-clause').filter({ hasText: 'Бөлімнің жұмыс жоспары жыл сайын бекітіледі' });
  await expect(pasted).toHaveCount(1);
  await expect(page.locator('.x-clause').filter({ hasText: 'сапа менеджменті жүйесінің' }).locator('strong')).toHaveText('сапа менеджменті жүйесінің');
  await expect(pasted.locator('.x-list .x-item')).toHaveCount(2);
  await expect(pasted.locator('.x-table td')).toHaveCount(4);
  await expect(pasted.locator('.x-table tr.x-head td').first()).toHaveText('Құжат');
  // Numbered in the document's scheme, with new eIds.
  const pastedNum = await pasted.getAttribute('data-num');
  expect(pastedNum).toMatch(/^\d+\.$/);
  expect(await pasted.getAttribute('data-eid')).toMatch(/-e\d+$/);

  // Undo everything: the loaded XML again, byte for byte after the canonical form.
  await editor.focus();
  const undo = page.getByRole('button', { name: 'Болдырмау' });
  for (let i = 0; i < 60 && (await undo.isEnabled()); i++) await page.keyboard.press('Control+z');
  await expect(undo).toBeDisabled();
  await save(page);
  expect(canonical(await serverXml(draft.editionId))).toBe(canonical(draft.xml));
});

test('a clause dragged to another place keeps its eId; the numbers follow', async ({ openPage }) => {
  const draft = await draftOfCorpus('003');
  const opened = await openSignedIn(openPage);
  const { page } = opened;
  await openEditor(page, draft.editionId);

  // Clause 5 dragged (the browser's drag events, as a mouse drag on the
  // clause's number sends them) and dropped at the top of clause 3.
  const moved = page.locator('.x-clause[data-eid="cl_5"]');
  const target = page.locator('.x-clause[data-eid="cl_3"]');
  await target.scrollIntoViewIfNeeded();
  await page.evaluate(() => {
    const from = document.querySelector('.x-clause[data-eid="cl_5"]')!;
    const to = document.querySelector('.x-clause[data-eid="cl_3"] > p')!.getBoundingClientRect();
    const data = new DataTransfer();
    from.dispatchEvent(new DragEvent('dragstart', { dataTransfer: data, bubbles: true, cancelable: true }));
    const at = { clientX: to.left + 2, clientY: to.top + 2, dataTransfer: data, bubbles: true, cancelable: true };
    const over = document.elementFromPoint(at.clientX, at.clientY)!;
    over.dispatchEvent(new DragEvent('dragover', at));
    over.dispatchEvent(new DragEvent('drop', at));
  });
  await expect(target.locator('xpath=preceding-sibling::*[1]')).toHaveAttribute('data-eid', 'cl_5');
  await expect(moved).toHaveAttribute('data-num', '3.');
  await expect(target).toHaveAttribute('data-num', '4.');
  await expect(page.locator('.x-clause[data-eid="cl_4"]')).toHaveAttribute('data-num', '5.');
  await save(page);
  const after = clauses(await serverXml(draft.editionId));
  expect(after.get('cl_5')).toBe('3.');
  expect(after.get('cl_3')).toBe('4.');
  expect([...after.keys()].filter((eId) => /-e\d+$/.test(eId))).toEqual([]);
});

test('two browsers edit one draft: the second save gets the conflict dialog and "keep mine" saves its edits', async ({ openPage }) => {
  const draft = await draftOfCorpus('003');
  const first = await openSignedIn(openPage);
  const second = await openSignedIn(openPage);
  await openEditor(first.page, draft.editionId);
  await openEditor(second.page, draft.editionId);

  await caretAtEnd(first.page, first.page.locator('.x-clause[data-eid="cl_1"] > p').first());
  await first.page.keyboard.type(' Біріншінің түзетуі.');
  await save(first.page);

  await caretAtEnd(second.page, second.page.locator('.x-clause[data-eid="cl_2"] > p').first());
  await second.page.keyboard.type(' Екіншінің түзетуі.');
  await second.page.keyboard.press('Control+s');
  const dialog = second.page.getByRole('dialog', { name: 'Басқа біреу бұл жобаны сақтап қойды' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('region', { name: 'Менің нұсқам' })).toContainText('Екіншінің түзетуі.');
  await expect(dialog.getByRole('region', { name: 'Сервердегі нұсқа' })).toContainText('Біріншінің түзетуі.');
  await dialog.getByRole('button', { name: 'Менікін сақтау' }).click();
  await expect(second.page.locator('.editor-bar [role=status]').filter({ hasText: 'Сақталды (нұсқа 3)' })).toBeVisible();

  const saved = await serverXml(draft.editionId);
  expect(saved).toContain('Екіншінің түзетуі.');
  expect(saved).not.toContain('Біріншінің түзетуі.');
});

test('a reload in the middle of an edit offers the unsaved work, which then saves', async ({ openPage }) => {
  const draft = await draftOfCorpus('003');
  const opened = await openSignedIn(openPage);
  const { page } = opened;
  await openEditor(page, draft.editionId);
  await caretAtEnd(page, page.locator('.x-clause[data-eid="cl_1"] > p').first());
  await page.keyboard.type(' Сақталмаған сөйлем.');
  await expect(page.locator('.editor-bar [role=status]').filter({ hasText: 'Сақталмаған өзгерістер бар' })).toBeVisible();
  // Kept locally a second after the last key (and on pagehide).
  await page.waitForTimeout(1300);
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('nusqa.editor')));
  expect(stored).toEqual([`nusqa.editor.recovery.${draft.editionId}`]);
  // Content only: no cookie, token or password in what is kept.
  const kept = await page.evaluate((key) => localStorage.getItem(key)!, stored[0]);
  expect(Object.keys(JSON.parse(kept)).sort()).toEqual(['etag', 'time', 'xml']);

  await page.reload();
  const offer = page.getByRole('region', { name: 'Сақталмаған жұмыс табылды' });
  await expect(offer).toBeVisible();
  await expect(page.locator('.x-clause[data-eid="cl_1"]')).not.toContainText('Сақталмаған сөйлем.');
  await offer.getByRole('button', { name: 'Қалпына келтіру' }).click();
  await expect(page.locator('.x-clause[data-eid="cl_1"]')).toContainText('Сақталмаған сөйлем.');
  await save(page);
  expect(await serverXml(draft.editionId)).toContain('Сақталмаған сөйлем.');
  expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('nusqa.editor')))).toEqual([]);
});

test('a save the schema refuses shows the error at its place', async ({ openPage }) => {
  const draft = await draftOfCorpus('003');
  const opened = await openSignedIn(openPage);
  const { page } = opened;
  await openEditor(page, draft.editionId);
  // The title is required: emptied in the form, the server answers 422
  // with the line of <title>, shown beside the form.
  const title = page.getByLabel('Атауы', { exact: true });
  await title.fill('');
  await title.blur();
  await page.keyboard.press('Control+s');
  await expect(page.locator('.form-error[role=alert]')).toContainText('Сақталмады: мәтін схемаға сай емес');
  await expect(page.locator('.editor-side .form-error').first()).toContainText('title');
  await expectAccessible(page, 'editor with an error');
});

test('the editor page passes axe, and every fixture and imported corpus document comes back unchanged through the page', async ({ openPage }) => {
  test.setTimeout(120_000);
  const opened = await openSignedIn(openPage);
  const { page } = opened;
  const sources: [string, string][] = [];
  for (const name of ['minimal.xml', '000-wkatu-coworking.xml', '002-satbayev-excerpt.xml', '003-kru-software-dept.xml', 'all-elements.xml'])
    sources.push([name, readFileSync(join(source, 'tests/fixtures', name), 'utf8')]);
  for (const name of ['001-kru-distance-learning.xml', 'ru-work-instruction.xml'])
    sources.push([`render/${name}`, readFileSync(join(source, 'tests/fixtures/render', name), 'utf8')]);
  const api = await office();
  for (const file of ['000_f400d2e770514cf9', '001_403c96418f962f60', '002_079be217a8ed26c8', '003_4c9f1a3bbc42c64b']) {
    const txt = await api.request('POST', `/api/v1/import?name=${file}.txt`, readFileSync(join(source, 'tests/fixtures/corpus', `${file}.txt`), 'utf8'), 'text/plain; charset=utf-8');
    sources.push([`${file}.txt`, txt.xml]);
    const docx = readFileSync(join(source, 'tests/fixtures/import', `${file}.docx`));
    const response = await fetch(`${server.baseURL}/api/v1/import?name=${file}.docx`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', Cookie: (api as unknown as { cookie: string }).cookie },
      body: docx,
    });
    expect(response.status).toBe(200);
    sources.push([`${file}.docx`, ((await response.json()) as { xml: string }).xml]);
  }
  let first = true;
  for (const [name, xml] of sources) {
    const draft = await draftFromXml(xml);
    const loaded = await serverXml(draft.editionId);
    await openEditor(page, draft.editionId);
    if (first) {
      await expectAccessible(page, 'editor page');
      first = false;
    }
    await save(page);
    expect(canonical(await serverXml(draft.editionId)), name).toBe(canonical(loaded));
  }
});
