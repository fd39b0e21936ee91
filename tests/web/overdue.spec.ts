// The dashboard's overdue list a page at a time (issue 17: the whole
// organisation's list is thousands of assignments at ten years' scale), on a
// server of its own: 23 people of one unit must read an edition in force;
// once their due date has passed (moved back in the data folder's database
// with the server stopped, as quality-journey.spec.ts does), the list shows
// 20 of the 23, most overdue first, and pages on and back with the keyboard
// on a 360 px phone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiClient } from './support/api';
import { expect, expectAccessible, isoDate, signInByApi, test } from './support/fixtures';
import { addPerson, makeUnsignedOverdue } from './support/people';
import { freshDataDir, startServer, type RunningServer } from './support/server';

const source = process.env.NUSQA_SOURCE_DIR!;
const code = 'СМЖ 07.БЕ.77';
const readers = 23;
let server: RunningServer;
let dataDir = '';
const passwords: Record<string, string> = {};

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dataDir = freshDataDir('overdue');
  server = await startServer(dataDir);
  const admin = await ApiClient.signedIn(server.baseURL, 'admin', server.adminPassword);
  await admin.put('/api/v1/me/password', { oldPassword: server.adminPassword, newPassword: 'admin-password-1' });
  const unit = await admin.post('/api/v1/units', { nameKk: 'Оқу-әдістемелік бөлімі', nameRu: 'Учебно-методический отдел' });
  const ids: Record<string, number> = {};
  for (const [login, role, fullNameKk] of [
    ['office', 'quality_office', 'Сапа бөлімі'],
    ['approver', 'approver', 'Ә. Қ. Бекова'],
    ['signatory', 'approver', 'М. Ж. Сейітов'],
  ]) {
    const added = await addPerson(server.baseURL, admin, { login, role, fullNameKk });
    ids[login] = added.id;
    passwords[login] = added.password;
  }
  for (let i = 1; i <= readers; i++)
    await addPerson(server.baseURL, admin, {
      login: `reader${i}`,
      role: 'employee',
      fullNameKk: `Қызметкер ${String(i).padStart(2, '0')}`,
      unitId: unit.id,
      signsIn: false,
    });

  const office = await ApiClient.signedIn(server.baseURL, 'office', passwords.office);
  const xml = readFileSync(join(source, 'tests', 'fixtures', 'minimal.xml'), 'utf8').replace('<code>СМЖ 07.БЕ.99</code>', `<code>${code}</code>`);
  const document = await office.post('/api/v1/documents', { code, kind: 'regulation', title: 'Сынақ ережесі', unit: 'Сапа бөлімі', language: 'kk' });
  const edition = await office.request('POST', `/api/v1/documents/${document.id}/editions`, xml, 'application/xml');
  await office.put(`/api/v1/documents/${document.id}/distribution`, { unitIds: [unit.id] });
  await office.post(`/api/v1/editions/${edition.id}/submit`, {
    password: passwords.office,
    comment: '',
    route: [
      { userId: ids.approver, order: 1, kind: 'agree' },
      { userId: ids.signatory, order: 1, kind: 'sign' },
    ],
  });
  await (await ApiClient.signedIn(server.baseURL, 'approver', passwords.approver)).post(`/api/v1/editions/${edition.id}/agree`, {
    password: passwords.approver,
    comment: '',
  });
  await (await ApiClient.signedIn(server.baseURL, 'signatory', passwords.signatory)).post(`/api/v1/editions/${edition.id}/approve`, {
    password: passwords.signatory,
    decision: '№ 7-Ж',
    effectiveDate: isoDate(),
    comment: '',
  });
  // The server's scheduler brings it into force and assigns the unit.
  await expect
    .poll(async () => (await office.get(`/api/v1/editions/${edition.id}/familiarizations`)).total, { timeout: 60_000 })
    .toBe(readers);

  await server.stop();
  makeUnsignedOverdue(dataDir);
  server = await startServer(dataDir);
});

test.afterAll(async () => {
  await server?.stop();
});

test('the overdue list pages on and back with the keyboard on a phone', async ({ openPage }) => {
  const opened = await openPage({ baseURL: server.baseURL, width: 360, height: 780 });
  await signInByApi(opened, 'office', passwords.office);
  const { page } = opened;
  await page.goto('/dashboard');
  const list = page.getByRole('region', { name: `Мерзімі өткен танысулар: ${readers}` });
  const rows = list.getByRole('row').filter({ hasText: code });
  const range = page.locator('.range');
  const pages = page.getByRole('navigation', { name: 'Мерзімі өткен танысулар беттері' });
  // The first page: 20 of 23 (due the same day: by person, as written).
  await expect(range).toHaveText(`${readers} танысудың 1–20`);
  await expect(rows).toHaveCount(20);
  await expect(rows.first()).toContainText('Қызметкер 01');
  await expect(rows.last()).toContainText('Қызметкер 20');
  await expect(pages.getByRole('button', { name: 'Алдыңғы бет' })).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectAccessible(page, 'dashboard with the first page of the overdue list');

  // On with the keyboard: the last page; its Next button is gone, the list
  // has the focus.
  await pages.getByRole('button', { name: 'Келесі бет' }).focus();
  await page.keyboard.press('Enter');
  await expect(range).toHaveText(`${readers} танысудың 21–23`);
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText('Қызметкер 21');
  await expect(pages.getByRole('button', { name: 'Келесі бет' })).toHaveCount(0);
  await expect(list).toBeFocused();
  await expectAccessible(page, 'dashboard with the last page of the overdue list');

  // Back: Tab from the list passes its three rows' links and reaches the
  // Previous button.
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
  await expect(pages.getByRole('button', { name: 'Алдыңғы бет' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(range).toHaveText(`${readers} танысудың 1–20`);
  await expect(rows).toHaveCount(20);
  await expect(list).toBeFocused();
});
