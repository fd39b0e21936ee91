// The journey of issue 14's Done-when 2, whole, through the pages only, on a
// server of its own: the quality office imports corpus 003 from Word, sets
// the distribution and a route (two approvers in turn and the signatory,
// picked in the people directory) and sends it; the first approver rejects,
// the office fixes the draft in the editor and sends it again; both agree;
// the dashboard shows whose turn it is; the signatory approves; the
// server's own scheduler brings the edition into force; an employee signs
// from the inbox on a 360 px phone; once the due date has passed, the
// dashboard's overdue list names the one who has not signed.
//
// Only the people and the unit are made through the API beforehand (the
// admin's pages have their own tests). "The due date has passed" is made by
// stopping the server and moving the due dates of the data folder's
// database back, as time would — the server has no hook for it.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ApiClient } from './support/api';
import { expect, expectAccessible, signInByApi, test, todayShown, type Opened } from './support/fixtures';
import { addPerson, makeUnsignedOverdue } from './support/people';
import { freshDataDir, startServer, type RunningServer } from './support/server';

const source = process.env.NUSQA_SOURCE_DIR!;
let server: RunningServer;
let dataDir = '';
const people: Record<string, { id: number; password: string }> = {};
const code = 'Е 075-2022';

test.beforeAll(async () => {
  dataDir = freshDataDir('journey');
  server = await startServer(dataDir);
  const admin = await ApiClient.signedIn(server.baseURL, 'admin', server.adminPassword);
  await admin.put('/api/v1/me/password', { oldPassword: server.adminPassword, newPassword: 'admin-password-1' });
  const unit = await admin.post('/api/v1/units', { nameKk: 'Бағдарламалық қамтамасыз ету бөлімі', nameRu: 'Отдел ПО' });
  const position = await admin.post('/api/v1/positions', { nameKk: 'Инженер', nameRu: 'Инженер' });
  const list: [string, string, string, boolean][] = [
    ['office', 'quality_office', 'Сапа бөлімі', false],
    ['approver1', 'approver', 'Ә. Қ. Бекова', false],
    ['approver2', 'approver', 'Р. С. Омаров', false],
    ['signatory', 'approver', 'М. Ж. Сейітов', false],
    ['reader', 'employee', 'Ж. Серікова', true],
    ['late', 'employee', 'Б. Кешікпенов', true],
  ];
  for (const [login, role, fullName, inUnit] of list)
    people[login] = await addPerson(server.baseURL, admin, {
      login,
      role,
      fullNameKk: fullName,
      ...(inUnit ? { unitId: unit.id, positionId: position.id } : {}),
    });
});

test.afterAll(async () => {
  await server?.stop();
});

async function as(openPage: (o?: object) => Promise<Opened>, login: string, width = 1280): Promise<Page> {
  const opened = await openPage({ baseURL: server.baseURL, width, height: 900 });
  await signInByApi(opened, login, people[login].password);
  return opened.page;
}

// The signing dialog: the password again, then sign.
async function signInDialog(page: Page, login: string, fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>) {
  const dialog = page.getByRole('dialog', { name: 'Электрондық қол қою' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(code);
  if (fill) await fill(dialog);
  await dialog.getByLabel('Растау үшін құпиясөзді қайта енгізіңіз').fill(people[login].password);
  await dialog.getByRole('button', { name: 'Қол қою' }).click();
}

async function fromQueue(page: Page, stage: string) {
  await page.goto('/queue');
  const card = page.getByRole('listitem').filter({ hasText: code });
  await expect(card).toContainText(stage);
  await card.getByRole('link', { name: /Ашу/ }).click();
  await expect(page.getByRole('heading', { name: 'Келісу бағыты' })).toBeVisible();
}

test('the journey of an edition: import, route, rejection and fix, agreement, approval, force, signature, overdue', async ({ openPage }) => {
  test.setTimeout(300_000); // six people, eleven pages, the scheduler and a restart on a shared 2-core machine

  // 1. The quality office registers the document and imports corpus 003.
  const office = await as(openPage, 'office');
  await office.goto('/register');
  await office.getByRole('link', { name: 'Жаңа құжат' }).click();
  await office.locator('#create-code').fill(code);
  await office.locator('#create-title').fill('Бағдарламалық қамтамасыз етуді әзірлеу және сүйемелдеу бөлімі туралы ереже');
  await office.locator('#create-unit').fill('Сапа бөлімі');
  await office.getByRole('button', { name: 'Тіркеу', exact: true }).click();
  await expect(office.getByRole('status')).toContainText(`Құжат тіркелді: ${code}`);
  const documentId = Number(/documents\/(\d+)/.exec(office.url())![1]);
  await office.locator('#import-file').setInputFiles(join(source, 'tests/fixtures/import/003_4c9f1a3bbc42c64b.docx'));
  await office.getByRole('button', { name: 'Файлды оқу' }).click();
  await expect(office.getByRole('region', { name: 'Тану есебі' })).toBeVisible({ timeout: 20_000 });
  await expect(office.locator('label[for=import-progress]')).toContainText('100%');
  await expect(office.locator('.edition-text')).toContainText('Бағдарламалық қамтамасыз етуді');
  await office.getByRole('button', { name: 'Жоба ретінде тіркеу' }).click();
  await expect(office.getByRole('status')).toContainText('Жоба тіркелді: № 1 басылым');
  const editionId = Number(/editions\/(\d+)/.exec(office.url())![1]);

  // 2. The distribution: the unit.
  await office.goto(`/documents/${documentId}/distribution`);
  await office.getByRole('checkbox', { name: 'Бағдарламалық қамтамасыз ету бөлімі' }).check();
  await office.getByRole('button', { name: 'Сақтау' }).click();
  await expect(office.getByRole('status')).toContainText(`Тарату тізімі сақталды: ${code}`);
  await expect(office.getByRole('region', { name: 'Танысуға міндетті бөлімшелер' })).toContainText('Бағдарламалық қамтамасыз ету бөлімі');

  // 3. The route, picked in the people directory by name: Bekova, then
  // Omarov, then the signatory.
  await office.goto(`/editions/${editionId}/send`);
  await office.getByLabel('Келісушіні аты-жөні бойынша табу').fill('бекова');
  await office.getByRole('button', { name: 'Табу', exact: true }).click();
  await expect(office.getByText('Таңдауға болатындар: 1')).toBeVisible();
  await office.getByLabel('Келісуші 1', { exact: true }).selectOption({ label: 'Ә. Қ. Бекова' });
  await office.getByLabel('Келісушіні аты-жөні бойынша табу').fill('');
  await office.getByRole('button', { name: 'Табу', exact: true }).click();
  await expect(office.getByText('Таңдауға болатындар: 3')).toBeVisible();
  await office.getByRole('button', { name: 'Келісуші қосу' }).click();
  await office.getByLabel('Келісуші 2', { exact: true }).selectOption({ label: 'Р. С. Омаров' });
  await office.getByLabel('Бекітуші', { exact: true }).selectOption({ label: 'М. Ж. Сейітов' });
  await office.getByLabel('Растау үшін құпиясөзді қайта енгізіңіз').fill(people.office.password);
  await office.getByRole('button', { name: 'Қол қойып жіберу' }).click();
  await expect(office).toHaveURL(new RegExp(`/documents/${documentId}$`));
  await expect(office.getByRole('status')).toContainText(`Келісуге жіберілді: ${code}`);
  await expect(office.locator('.timeline > li').first()).toContainText('Келісуде');

  // 4. The first approver rejects with a comment.
  const first = await as(openPage, 'approver1');
  await fromQueue(first, 'Келісу');
  await first.getByRole('button', { name: 'Ескертумен қайтару' }).click();
  await signInDialog(first, 'approver1', (dialog) => dialog.getByLabel('Ескерту').fill('3-тармақты нақтылау керек'));
  await expect(first.getByRole('status')).toContainText(`Қайтарылды: ${code}`);

  // 5. The office reads the comment, fixes the draft in the editor and
  // sends it again with the same route.
  await office.goto(`/documents/${documentId}`);
  const edition = office.locator('.timeline > li').first();
  await expect(edition).toContainText('Жоба');
  await expect(edition.getByRole('region', { name: /Келісу қадамдары/ })).toContainText('3-тармақты нақтылау керек');
  await office.goto(`/editions/${editionId}/edit`);
  await expect(office.locator('.editor-bar [role=status]').filter({ hasText: 'Өзгеріс жоқ' })).toBeVisible();
  await office.locator('.x-clause > p').first().evaluate((element) => {
    (element.closest('[contenteditable]') as HTMLElement).focus();
    const range = document.createRange();
    range.selectNodeContents(element);
    range.collapse(false);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
  });
  await office.waitForTimeout(50);
  await office.keyboard.type(' Тармақ нақтыланды.');
  await office.keyboard.press('Control+s');
  await expect(office.locator('.editor-bar [role=status]').filter({ hasText: 'Сақталды' })).toBeVisible();
  await office.goto(`/editions/${editionId}/send`);
  await expect(office.getByLabel('Келісуші 1', { exact: true }).locator('option:checked')).toHaveText('Ә. Қ. Бекова');
  await expect(office.getByLabel('Бекітуші', { exact: true }).locator('option:checked')).toHaveText('М. Ж. Сейітов');
  await office.getByLabel('Растау үшін құпиясөзді қайта енгізіңіз').fill(people.office.password);
  await office.getByRole('button', { name: 'Қол қойып жіберу' }).click();
  await expect(office.getByRole('status')).toContainText(`Келісуге жіберілді: ${code}`);

  // 6. Both approvers agree, in turn; the dashboard shows whose turn it is.
  await fromQueue(first, 'Келісу');
  await expect(first.locator('.edition-text')).toContainText('Тармақ нақтыланды.');
  await first.getByRole('button', { name: 'Келісу', exact: true }).click();
  await signInDialog(first, 'approver1');
  await expect(first.getByRole('status')).toContainText(`Келісілді: ${code}`);

  await office.goto('/dashboard');
  const waiting = office.getByRole('region', { name: 'Келісу бағыттары: кімнің кезегі' }).getByRole('row').filter({ hasText: code });
  await expect(waiting).toContainText('Р. С. Омаров');
  await expect(waiting).toContainText('келісу');
  await expect(office.getByRole('listitem').filter({ hasText: 'Келісуде' })).toContainText('1');
  await expectAccessible(office, 'dashboard with a route waiting');

  const second = await as(openPage, 'approver2');
  await fromQueue(second, 'Келісу');
  await second.getByRole('button', { name: 'Келісу', exact: true }).click();
  await signInDialog(second, 'approver2');
  await expect(second.getByRole('status')).toContainText(`Келісілді: ${code}`);

  await office.reload();
  await expect(waiting).toContainText('М. Ж. Сейітов');
  await expect(waiting).toContainText('бекіту');

  // 7. The signatory approves with a decision number, in force from today.
  const signatory = await as(openPage, 'signatory');
  await fromQueue(signatory, 'Бекіту');
  await signatory.getByRole('button', { name: 'Бекіту', exact: true }).click();
  await signInDialog(signatory, 'signatory', async (dialog) => {
    await expect(dialog.getByLabel('Қолданысқа енгізу күні')).toHaveValue(todayShown());
    await dialog.getByLabel('Бұйрықтың немесе шешімнің нөмірі').fill('№ 21-Ж');
  });
  await expect(signatory.getByRole('status')).toContainText(`Бекітілді: ${code}`);

  // 8. The scheduler (every 5 s on the test server) brings it into force.
  await expect(async () => {
    await office.goto(`/documents/${documentId}`);
    await expect(office.locator('.timeline > li').first()).toContainText('Қолданыста', { timeout: 2_000 });
  }).toPass({ timeout: 40_000 });
  await expect(office.locator('.timeline > li').first()).toContainText('№ 21-Ж');
  // The assignments come with the entry into force: both people of the unit.
  const progress = office.getByRole('region', { name: /Бөлімшелер бойынша танысу/ });
  await expect(async () => {
    await office.reload();
    await expect(progress.getByRole('row').filter({ hasText: 'Бағдарламалық қамтамасыз ету бөлімі' })).toContainText('2 адамның 0', {
      timeout: 2_000,
    });
  }).toPass({ timeout: 20_000 });

  // 9. The employee signs from the inbox on a 360 px phone.
  const reader = await as(openPage, 'reader', 360);
  await reader.goto('/inbox');
  const card = reader.getByRole('listitem').filter({ hasText: code });
  await expect(card).toContainText('№ 1 басылым');
  expect(await reader.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await card.getByRole('link', { name: /Оқу және қол қою/ }).click();
  await expect(reader.locator('.edition-text')).toContainText('Тармақ нақтыланды.');
  await reader.getByRole('button', { name: 'Таныстым — қол қою' }).click();
  await signInDialog(reader, 'reader');
  await expect(reader.getByRole('status')).toContainText(`Қол қойылды: ${code}, № 1 басылым`);
  await expect(reader.getByRole('listitem').filter({ hasText: code })).toHaveCount(0);

  await office.reload();
  await expect(progress.getByRole('row').filter({ hasText: 'Бағдарламалық қамтамасыз ету бөлімі' })).toContainText('2 адамның 1');

  // 10. Time passes beyond the due date: the server stops, the due dates
  // move back, the server starts again on the same data folder.
  await server.stop();
  makeUnsignedOverdue(dataDir);
  server = await startServer(dataDir);
  const later = await as(openPage, 'office');
  await later.goto('/dashboard');
  const overdue = later.getByRole('region', { name: /Мерзімі өткен танысулар: 1/ });
  await expect(overdue.getByRole('row').filter({ hasText: 'Б. Кешікпенов' })).toContainText(code);
  await expect(overdue.getByRole('row').filter({ hasText: 'Ж. Серікова' })).toHaveCount(0);
  const completion = later.getByRole('region', { name: 'Қолданыстағы басылымдармен танысу' });
  await expect(completion.getByRole('row').filter({ hasText: 'Бағдарламалық қамтамасыз ету бөлімі' })).toContainText('50%');
  await expect(later.getByText('Барлық ұйым бойынша: 2 адамның 1 қол қойды (50%)')).toBeVisible();
  await expectAccessible(later, 'dashboard with the overdue list');
});
