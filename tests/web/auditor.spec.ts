// The auditor's journey through the pages only, on a server of its own
// (its documents would change the seeded register's counts): sign in,
// compare two editions of a document from the register (the changes shown
// word by word), open the redline PDF, read an edition's history, download
// the certification-audit package for a period (a ZIP whose manifest's
// SHA-256 is the one the page shows), see the audit log and its chain
// intact and filter it, verify the sealed PDF (every signature valid, the
// edition in force, linked) and a tampered copy (shown broken).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiClient } from './support/api';
import { addPerson } from './support/people';
import { expect, expectAccessible, test, todayShown } from './support/fixtures';
import { freshDataDir, startServer, type RunningServer } from './support/server';
import { zipEntries } from './support/zip';

const source = process.env.NUSQA_SOURCE_DIR!;
let server: RunningServer;
const people: Record<string, { id: number; password: string }> = {};
let documentId = 0;
let first = 0;
let second = 0;
const code = 'СМЖ 07.БЕ.70';

// The office registers edition 1 in force from paper and drafts edition 2
// (clause 1.1 reworded, clause 1.2 added) through the API: the setting the
// auditor finds.
test.beforeAll(async () => {
  server = await startServer(freshDataDir('auditor'));
  const admin = await ApiClient.signedIn(server.baseURL, 'admin', server.adminPassword);
  await admin.put('/api/v1/me/password', { oldPassword: server.adminPassword, newPassword: 'admin-password-1' });
  for (const [login, role] of [
    ['office', 'quality_office'],
    ['auditor', 'auditor'],
  ]) {
    people[login] = await addPerson(server.baseURL, admin, {
      login,
      role,
      fullNameKk: login === 'office' ? 'Сапа бөлімі' : 'Аудитор',
      fullNameRu: login === 'office' ? 'Отдел качества' : 'Аудитор',
    });
  }
  const api = await ApiClient.signedIn(server.baseURL, 'office', people.office.password);
  const xml = readFileSync(join(source, 'tests/fixtures/minimal.xml'), 'utf8').replace('СМЖ 07.БЕ.99', code);
  const document = await api.post('/api/v1/documents', { code, kind: 'regulation', title: 'Сынақ бөлімі туралы', unit: '', language: 'kk' });
  documentId = document.id;
  first = (await api.request('POST', `/api/v1/documents/${document.id}/editions`, xml, 'application/xml')).id;
  await api.post(`/api/v1/editions/${first}/register-in-force`, { decision: '№ 3', approverName: 'А. Б. Ректоров' });
  second = (await api.post(`/api/v1/documents/${document.id}/editions/next`)).id;
  const cookie = (api as unknown as { cookie: string }).cookie;
  const current = await fetch(`${server.baseURL}/api/v1/editions/${second}`, { headers: { Accept: 'application/xml', Cookie: cookie } });
  const changed = (await current.text())
    .replace('мақсатын, міндеттерін', 'мақсаттарын, негізгі міндеттерін')
    .replace(
      '</clause>',
      '</clause>\n      <clause eId="chp_1__cl_1_2">\n        <num>1.2.</num>\n        <p>Бөлім сапа менеджменті жүйесінің талаптарын орындайды.</p>\n      </clause>',
    );
  const put = await fetch(`${server.baseURL}/api/v1/editions/${second}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/xml', 'If-Match': current.headers.get('etag')!, Cookie: cookie },
    body: changed,
  });
  expect(put.status, await put.clone().text()).toBe(200);
});

test.afterAll(async () => {
  await server?.stop();
});

test('the auditor compares, opens the redline, reads the history, downloads the audit package and verifies the PDF', async ({
  openPage,
}) => {
  test.setTimeout(120_000);
  const { page, context } = await openPage({ baseURL: server.baseURL });
  const nav = page.getByRole('navigation', { name: 'Негізгі мәзір' });

  // Sign in on the page.
  await page.goto('/');
  await page.getByLabel('Логин').fill('auditor');
  await page.getByLabel('Құпиясөз').fill(people.auditor.password);
  await page.getByRole('button', { name: 'Кіру' }).click();
  await expect(page).toHaveURL(/\/register$/);

  // The register → the document → compare its two editions.
  await page.getByRole('link', { name: code }).click();
  await expect(page).toHaveURL(new RegExp(`/documents/${documentId}$`));
  await page.getByRole('button', { name: 'Салыстыру', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/editions/${first}/compare/${second}$`));
  const changedClause = page.locator('ol.elements > li').filter({ hasText: 'мәтіні өзгерді' });
  await expect(changedClause).toHaveCount(1);
  await expect(changedClause.locator('ins')).toContainText(['мақсаттарын']);
  await expect(changedClause.locator('del')).toContainText(['мақсатын']);
  await expect(page.locator('ol.elements > li').filter({ hasText: 'қосылды' })).toContainText(
    'Бөлім сапа менеджменті жүйесінің талаптарын орындайды.',
  );

  // The redline PDF opens in a tab of its own: the response is a PDF.
  const redline = page.getByRole('link', { name: 'Түзетулері белгіленген PDF (redline)' });
  await expect(redline).toHaveAttribute('href', `/api/v1/editions/${first}/compare/${second}/pdf`);
  const answered = context.waitForEvent('response', (response) => response.url().endsWith(`/compare/${second}/pdf`));
  await redline.click();
  const response = await answered;
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
  // (Chromium's PDF viewer takes the navigation's body over: the bytes are
  // read once more with the auditor's session.)
  const bytes = await page.request.get(`/api/v1/editions/${first}/compare/${second}/pdf`);
  expect(bytes.headers()['content-type']).toBe('application/pdf');
  expect((await bytes.body()).subarray(0, 5).toString()).toBe('%PDF-');
  for (const other of context.pages()) if (other !== page) await other.close();

  // Edition 2's history: its two revisions (registered, then edited), and
  // edition 1's: entered into force.
  await page.goto(`/documents/${documentId}`);
  await page.locator(`a[href="/editions/${second}/history"]`).click();
  await expect(page).toHaveURL(new RegExp(`/editions/${second}/history$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Басылым тарихы: ${code}, № 2 басылым`);
  const events = page.getByRole('region', { name: /Оқиғалар/ }).locator('tbody tr');
  await expect(events.filter({ hasText: '№ 1 нұсқа сақталды' })).toHaveCount(1);
  await expect(events.filter({ hasText: '№ 2 нұсқа сақталды' })).toContainText('office');
  await expect(events.filter({ hasText: '№ 2 нұсқа сақталды' })).toContainText(todayShown());
  await expectAccessible(page, 'edition history');

  // The certification-audit package for this year: a ZIP with its manifest.
  await nav.getByRole('link', { name: 'Аудит пакеті' }).click();
  await expect(page).toHaveURL(/\/audit\/package$/);
  const year = new Date().getUTCFullYear();
  await page.getByLabel('Кезең басы').fill(`${year}-01-01`);
  await page.getByLabel('Кезең соңы').fill(`${year}-12-31`);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Пакетті жүктеп алу' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`audit-package-${year}-01-01-${year}-12-31.zip`);
  const zip = readFileSync(await download.path());
  const entries = zipEntries(zip);
  expect(entries.has('manifest.json')).toBe(true);
  const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
  expect(manifest.audit.chainIntact).toBe(true);
  // The page shows the manifest's SHA-256 to note in the audit report.
  const manifestSha = createHash('sha256').update(entries.get('manifest.json')!).digest('hex');
  await expect(page.locator('main').getByRole('status')).toContainText('Пакет дайын');
  await expect(page.locator('.done code').first()).toHaveText(manifestSha);
  await expectAccessible(page, 'audit package');

  // The audit log: the chain intact; the package download is recorded.
  await nav.getByRole('link', { name: 'Аудит журналы' }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.locator('.chain-state')).toHaveAttribute('data-intact', 'true');
  await expect(page.locator('.chain-state')).toContainText('Тізбек бүтін.');
  await page.getByLabel('Әрекет').fill('audit.package');
  await page.getByRole('button', { name: 'Көрсету' }).click();
  await expect(page).toHaveURL(/\/audit\?action=audit\.package$/);
  const rows = page.locator('table.audit tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('auditor');
  await expect(rows.first()).toContainText('audit.package');
  await page.getByLabel('Әрекет').fill('edition.');
  await page.getByLabel('Нысан нөмірі').fill(String(second));
  await page.getByRole('button', { name: 'Көрсету' }).click();
  await expect(rows.filter({ hasText: 'edition.create_next' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'edition.register_in_force' })).toHaveCount(0);
  await expectAccessible(page, 'audit log');

  // Verify edition 1's sealed PDF (as the auditor downloads it), then a
  // copy with one byte changed inside the signed range.
  const pdf = await page.request.get(`/api/v1/editions/${first}/pdf`);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  const sealed = await pdf.body();
  await nav.getByRole('link', { name: 'PDF тексеру' }).click();
  await expect(page).toHaveURL(/\/verify-pdf$/);
  await page.getByLabel('PDF файлы').setInputFiles({ name: 'sealed.pdf', mimeType: 'application/pdf', buffer: sealed });
  await page.getByRole('button', { name: 'Тексеру' }).click();
  const result = page.locator('section.result');
  await expect(result).toHaveAttribute('data-verdict', 'genuine');
  await expect(result.getByRole('heading')).toHaveText('Түпнұсқа: ұйымның мөрі бар, файл өзгертілмеген');
  await expect(result.getByRole('link', { name: new RegExp(code) })).toHaveAttribute('href', `/editions/${first}`);
  await expect(result).toContainText('Қолданыста');
  const signatures = page.locator('li.signature');
  expect(await signatures.count()).toBeGreaterThan(0);
  for (const signature of await signatures.all()) {
    await expect(signature).toHaveAttribute('data-valid', 'true');
    await expect(signature).toContainText('Тұтастығы');
    await expect(signature.locator('dd').first()).toHaveText('бүтін');
  }
  await expectAccessible(page, 'verified PDF');

  const tampered = Buffer.from(sealed);
  // A byte of the page content (inside the first signed range): the file
  // still parses, its digest no longer matches.
  const at = tampered.indexOf('stream', 200);
  expect(at).toBeGreaterThan(0);
  tampered[at + 40] ^= 0x01;
  await page.getByLabel('PDF файлы').setInputFiles({ name: 'tampered.pdf', mimeType: 'application/pdf', buffer: tampered });
  await page.getByRole('button', { name: 'Тексеру' }).click();
  await expect(result).toHaveAttribute('data-verdict', 'broken');
  await expect(result.getByRole('heading')).toHaveText('Бүлінген: қол қойылғаннан кейін файл өзгертілген');
  await expect(page.locator('li.signature[data-valid="false"]').first()).toContainText('бұзылған');
  await expectAccessible(page, 'tampered PDF');
});
