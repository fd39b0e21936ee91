// The quality office's pages on a server of their own (the documents made
// here would change the seeded register's counts): register a document,
// import corpus 003 from Word with the recognition report beside the
// result, register it as a draft, set the distribution (a unit, a position,
// a person picked by name), and send it for agreement with a route of two
// parallel agreeing steps and a signatory picked by name — in kk, ru and en
// on a 360 px screen, with axe on every page and the keyboard for the route.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ApiClient } from './support/api';
import { addPerson } from './support/people';
import { expect, expectAccessible, signInByApi, test, type Language, type Opened } from './support/fixtures';
import { freshDataDir, startServer, type RunningServer } from './support/server';

const source = process.env.NUSQA_SOURCE_DIR!;
let server: RunningServer;
const people: Record<string, { id: number; password: string }> = {};
let unitId = 0;
let positionId = 0;

// Admin-created accounts change their one-time password first, as people do.
test.beforeAll(async () => {
  server = await startServer(freshDataDir('office'));
  const admin = await ApiClient.signedIn(server.baseURL, 'admin', server.adminPassword);
  await admin.put('/api/v1/me/password', { oldPassword: server.adminPassword, newPassword: 'admin-password-1' });
  unitId = (await admin.post('/api/v1/units', { nameKk: 'Оқу-әдістемелік бөлімі', nameRu: 'Учебно-методический отдел' })).id;
  positionId = (await admin.post('/api/v1/positions', { nameKk: 'Әдіскер', nameRu: 'Методист' })).id;
  const list: [string, string, string, string][] = [
    ['office', 'quality_office', 'Сапа бөлімі', 'Отдел качества'],
    ['approver1', 'approver', 'Ә. Қ. Бекова', 'А. К. Бекова'],
    ['approver2', 'approver', 'Р. С. Омаров', 'Р. С. Омаров'],
    ['signatory', 'approver', 'М. Ж. Сейітов', 'М. Ж. Сеитов'],
    ['reader', 'employee', 'Ж. Серікова', 'Ж. Серикова'],
    ['auditor', 'auditor', 'Аудитор', 'Аудитор'],
  ];
  for (const [login, role, fullNameKk, fullNameRu] of list) {
    people[login] = await addPerson(server.baseURL, admin, { login, role, fullNameKk, fullNameRu, unitId, positionId });
  }
});

test.afterAll(async () => {
  await server?.stop();
});

type Open = (options?: { language?: Language; width?: number; height?: number; baseURL?: string }) => Promise<Opened>;

async function office(openPage: Open, options: { language?: Language; width?: number; height?: number }) {
  const opened = await openPage({ baseURL: server.baseURL, ...options });
  await signInByApi(opened, 'office', people.office.password);
  return opened;
}

const texts = {
  kk: {
    newDocument: 'Жаңа құжат',
    register: 'Тіркеу',
    registered: 'Құжат тіркелді',
    read: 'Файлды оқу',
    report: 'Тану есебі',
    asDraft: 'Жоба ретінде тіркеу',
    draftDone: 'Жоба тіркелді: №',
    distribution: 'Тарату тізімі',
    search: 'Аты бойынша іздеу',
    save: 'Сақтау',
    saved: 'Тарату тізімі сақталды',
    send: 'Келісуге жіберу',
    person: 'Келісуші',
    add: 'Келісуші қосу',
    order: 'Реті',
    signatory: 'Бекітуші',
    password: 'Растау үшін құпиясөзді қайта енгізіңіз',
    submit: 'Қол қойып жіберу',
    sent: 'Келісуге жіберілді',
    needSignatory: 'Бекітушіні таңдаңыз',
  },
  ru: {
    newDocument: 'Новый документ',
    register: 'Зарегистрировать',
    registered: 'Документ зарегистрирован',
    read: 'Прочитать файл',
    report: 'Отчёт распознавания',
    asDraft: 'Зарегистрировать как проект',
    draftDone: 'Проект зарегистрирован: издание №',
    distribution: 'Список рассылки',
    search: 'Поиск по имени',
    save: 'Сохранить',
    saved: 'Список рассылки сохранён',
    send: 'Отправить на согласование',
    person: 'Согласующий',
    add: 'Добавить согласующего',
    order: 'Очерёдность',
    signatory: 'Утверждающий',
    password: 'Введите пароль ещё раз для подтверждения',
    submit: 'Подписать и отправить',
    sent: 'Отправлено на согласование',
    needSignatory: 'Выберите утверждающего',
  },
  en: {
    newDocument: 'New document',
    register: 'Register',
    registered: 'Document registered',
    read: 'Read the file',
    report: 'Recognition report',
    asDraft: 'Register as a draft',
    draftDone: 'Draft registered: edition No.',
    distribution: 'Distribution list',
    search: 'Search by name',
    save: 'Save',
    saved: 'Distribution list saved',
    send: 'Send for agreement',
    person: 'Approver',
    add: 'Add an approver',
    order: 'Order',
    signatory: 'Signatory',
    password: 'Enter your password again to confirm',
    submit: 'Sign and send',
    sent: 'Sent for agreement',
    needSignatory: 'Choose the signatory',
  },
} as const;

for (const language of ['kk', 'ru', 'en'] as const) {
  test(`the quality office registers, imports, distributes and sends a document (${language}, 360 px)`, async ({ openPage }) => {
    test.setTimeout(150_000); // a whole journey through five pages, axe on each
    const words = texts[language];
    const opened = await office(openPage, { language, width: 360, height: 780 });
    const { page } = opened;
    const code = `ЕР 003-${language}`;

    await page.goto('/register');
    await page.getByRole('link', { name: words.newDocument }).click();
    await expect(page).toHaveURL(/\/documents\/new$/);
    await expectAccessible(page, `new document (${language})`);
    await page.locator('#create-code').fill(code);
    await page.locator('#create-title').fill('Бағдарламалық қамтамасыз ету бөлімі туралы ереже');
    await page.locator('#create-unit').fill('Сапа бөлімі');
    await page.getByRole('button', { name: words.register, exact: true }).click();
    await expect(page).toHaveURL(/\/documents\/\d+\/editions\/new$/);
    await expect(page.getByRole('status')).toContainText(`${words.registered}: ${code}`);
    const documentId = Number(/documents\/(\d+)/.exec(page.url())![1]);

    // Corpus 003 from Word: the report beside the result, then a draft.
    await page.locator('#import-file').setInputFiles(join(source, 'tests/fixtures/import/003_4c9f1a3bbc42c64b.docx'));
    await page.getByRole('button', { name: words.read }).click();
    const report = page.getByRole('region', { name: words.report });
    await expect(report).toBeVisible({ timeout: 20_000 });
    await expect(report).toContainText('clause');
    await expect(page.locator('.edition-text')).toContainText('Бағдарламалық қамтамасыз етуді');
    await expect(page.locator('label[for=import-progress]')).toContainText('100%');
    await expectAccessible(page, `import report (${language})`);
    await page.getByRole('button', { name: words.asDraft }).click();
    await expect(page).toHaveURL(/\/editions\/\d+$/);
    await expect(page.getByRole('status')).toContainText(words.draftDone);
    const editionId = Number(/editions\/(\d+)/.exec(page.url())![1]);

    // The distribution: the unit, the position, one person by name.
    await page.goto(`/documents/${documentId}`);
    await page.getByRole('link', { name: words.distribution }).click();
    await expect(page).toHaveURL(new RegExp(`/documents/${documentId}/distribution$`));
    await expect(page.getByRole('checkbox', { name: language === 'kk' ? 'Оқу-әдістемелік бөлімі' : 'Учебно-методический отдел' })).toBeVisible();
    await expectAccessible(page, `distribution (${language})`);
    await page.getByRole('checkbox', { name: language === 'kk' ? 'Оқу-әдістемелік бөлімі' : 'Учебно-методический отдел' }).check();
    await page.getByRole('checkbox', { name: language === 'kk' ? 'Әдіскер' : 'Методист' }).check();
    await page.getByLabel(words.search).fill('Серік');
    await expect(page.getByRole('checkbox', { name: /Бекова/ })).toHaveCount(0);
    await page.getByRole('checkbox', { name: /Серікова|Серикова/ }).check();
    await page.getByRole('button', { name: words.save }).click();
    await expect(page).toHaveURL(new RegExp(`/documents/${documentId}$`));
    await expect(page.getByRole('status')).toContainText(`${words.saved}: ${code}`);
    const api = await ApiClient.signedIn(server.baseURL, 'office', people.office.password);
    expect(await api.get(`/api/v1/documents/${documentId}/distribution`)).toMatchObject({
      unitIds: [unitId],
      positionIds: [positionId],
      userIds: [people.reader.id],
    });

    // The route: two agreeing in parallel, the signatory; by name.
    await page.goto(`/editions/${editionId}`);
    await page.getByRole('link', { name: words.send }).click();
    await expect(page).toHaveURL(new RegExp(`/editions/${editionId}/send$`));
    await page.getByLabel(`${words.person} 1`).selectOption({ label: await optionLabel(page, `${words.person} 1`, 'Бекова') });
    await page.getByRole('button', { name: words.add }).click();
    await page.getByLabel(`${words.person} 2`).selectOption({ label: await optionLabel(page, `${words.person} 2`, 'Омаров') });
    await page.getByLabel(words.order).nth(1).fill('1');
    await page.getByLabel(words.password).fill(people.office.password);
    await page.getByRole('button', { name: words.submit }).click();
    await expect(page.getByText(words.needSignatory)).toBeVisible();
    await page.getByLabel(words.signatory, { exact: true }).selectOption({ label: await optionLabel(page, words.signatory, 'М. Ж.') });
    await expectAccessible(page, `route editor (${language})`);
    await page.getByRole('button', { name: words.submit }).click();
    await expect(page).toHaveURL(new RegExp(`/documents/${documentId}$`));
    await expect(page.getByRole('status')).toContainText(`${words.sent}: ${code}`);

    const record = await api.get(`/api/v1/editions/${editionId}/lifecycle`);
    expect(record.status).toBe('in_agreement');
    const steps = record.steps.map((s: { userId: number; order: number; kind: string }) => `${s.kind}:${s.userId}:${s.order}`).sort();
    expect(steps).toEqual(
      [`agree:${people.approver1.id}:1`, `agree:${people.approver2.id}:1`, `sign:${people.signatory.id}:1`].sort(),
    );
    // Both agreeing steps are in turn at once (parallel).
    for (const login of ['approver1', 'approver2']) {
      const approver = await ApiClient.signedIn(server.baseURL, login, people[login].password);
      const queue = await approver.get('/api/v1/me/queue');
      expect(queue.items.map((item: { edition: { id: number } }) => item.edition.id)).toContain(editionId);
    }
  });
}

// The label of the one option of a select whose text contains `part`.
async function optionLabel(page: Page, label: string, part: string): Promise<string> {
  // The people load after the page: wait for the option (a retrying
  // assertion), then read its text.
  const option = page.getByLabel(label, { exact: true }).locator('option', { hasText: part });
  await expect(option, `one option with «${part}» in ${label}`).toHaveCount(1);
  return (await option.textContent()) ?? '';
}

// Two editions of one document: edition 1 registered in force from paper,
// edition 2 a draft with clause 1.1 reworded and a clause 1.2 added.
async function twoEditions(code: string): Promise<{ documentId: number; first: number; second: number }> {
  const api = await ApiClient.signedIn(server.baseURL, 'office', people.office.password);
  const xml = readFileSync(join(source, 'tests/fixtures/minimal.xml'), 'utf8').replace('СМЖ 07.БЕ.99', code);
  const document = await api.post('/api/v1/documents', { code, kind: 'regulation', title: 'Сынақ бөлімі туралы', unit: '', language: 'kk' });
  const first = await api.request('POST', `/api/v1/documents/${document.id}/editions`, xml, 'application/xml');
  await api.post(`/api/v1/editions/${first.id}/register-in-force`, { decision: '№ 3', approverName: 'А. Б. Ректоров' });
  const second = await api.post(`/api/v1/documents/${document.id}/editions/next`);
  const cookie = (api as unknown as { cookie: string }).cookie;
  const current = await fetch(`${server.baseURL}/api/v1/editions/${second.id}`, { headers: { Accept: 'application/xml', Cookie: cookie } });
  const changed = (await current.text())
    .replace('мақсатын, міндеттерін', 'мақсаттарын, негізгі міндеттерін')
    .replace(
      '</clause>',
      '</clause>\n      <clause eId="chp_1__cl_1_2">\n        <num>1.2.</num>\n        <p>Бөлім сапа менеджменті жүйесінің талаптарын орындайды.</p>\n      </clause>',
    );
  const put = await fetch(`${server.baseURL}/api/v1/editions/${second.id}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/xml', 'If-Match': current.headers.get('etag')!, Cookie: cookie },
    body: changed,
  });
  expect(put.status, await put.clone().text()).toBe(200);
  return { documentId: document.id, first: first.id, second: second.id };
}

for (const language of ['kk', 'ru', 'en'] as const) {
  test(`the auditor compares two editions inline and side by side (${language})`, async ({ openPage }) => {
    const { documentId, first, second } = await twoEditions(`СМЖ 07.БЕ.${language === 'kk' ? 81 : language === 'ru' ? 82 : 83}`);
    const opened = await openPage({ baseURL: server.baseURL, language, width: language === 'kk' ? 360 : 1280 });
    const { page } = opened;
    await signInByApi(opened, 'auditor', people.auditor.password);
    await page.goto(`/documents/${documentId}`);
    const words = {
      kk: { compare: 'Салыстыру', title: 'Басылымдарды салыстыру', changed: 'мәтіні өзгерді', added: 'қосылды', side: 'Қатар', before: 'Бұрын' },
      ru: { compare: 'Сравнить', title: 'Сравнение изданий', changed: 'изменён текст', added: 'добавлено', side: 'Рядом', before: 'Было' },
      en: { compare: 'Compare', title: 'Compare editions', changed: 'text changed', added: 'added', side: 'Side by side', before: 'Before' },
    }[language];
    await page.getByRole('button', { name: words.compare, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/editions/${first}/compare/${second}$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText(words.title);
    const changedClause = page.locator('ol.elements > li').filter({ hasText: words.changed });
    await expect(changedClause).toHaveCount(1);
    await expect(changedClause.locator('ins')).toContainText(['мақсаттарын']);
    await expect(changedClause.locator('del')).toContainText(['мақсатын']);
    const addedClause = page.locator('ol.elements > li').filter({ hasText: words.added });
    await expect(addedClause).toContainText('Бөлім сапа менеджменті жүйесінің талаптарын орындайды.');
    await expectAccessible(page, `compare inline (${language})`);
    await page.getByRole('button', { name: words.side }).click();
    const [before, after] = [changedClause.locator('.sides > div').first(), changedClause.locator('.sides > div').last()];
    await expect(before).toContainText(words.before);
    await expect(before.locator('del').first()).toContainText('мақсатын');
    await expect(before.locator('ins')).toHaveCount(0);
    await expect(after.locator('ins').first()).toContainText('мақсаттарын');
    await expect(after.locator('del')).toHaveCount(0);
    await expectAccessible(page, `compare side by side (${language})`);
  });
}

test('an admin creates an account; its one-time password leads to the change page first; roles and a reset', async ({ openPage }) => {
  test.setTimeout(120_000); // two browsers, the account's whole first day
  const opened = await openPage({ baseURL: server.baseURL });
  await signInByApi(opened, 'admin', 'admin-password-1');
  const { page } = opened;
  await page.goto('/inbox');
  await page.getByRole('navigation').getByRole('link', { name: 'Адамдар' }).click();
  await expect(page).toHaveURL(/\/people$/);
  await expect(page.getByRole('row').filter({ hasText: 'approver1' })).toContainText('келісуші / бекітуші');
  await expectAccessible(page, 'people (kk)');

  const form = page.getByRole('form', { name: 'Жаңа есептік жазба' });
  await form.getByLabel('Логин').fill('newcomer');
  await form.getByLabel('Электрондық пошта').fill('newcomer@university.test');
  await form.getByLabel('Аты-жөні (қазақша)').fill('А. Жаңабаев');
  await form.getByRole('checkbox', { name: 'қызметкер' }).check();
  await form.getByLabel('Бөлімше').selectOption({ label: 'Оқу-әдістемелік бөлімі' });
  await form.getByRole('button', { name: 'Құру' }).click();
  const handOver = page.locator('#hand-over');
  await expect(handOver).toContainText('newcomer құрылды');
  const oneTime = /құпиясөз: (\S+)\./.exec((await handOver.textContent())!)![1];
  await expect(page.getByRole('row').filter({ hasText: 'newcomer' })).toContainText('Оқу-әдістемелік бөлімі');

  // The newcomer: the one-time password, the change page, then the app.
  const fresh = await openPage({ baseURL: server.baseURL });
  await fresh.page.goto('/signin');
  await fresh.page.getByLabel('Логин').fill('newcomer');
  await fresh.page.getByLabel('Құпиясөз').fill(oneTime);
  await fresh.page.getByRole('button', { name: 'Кіру' }).click();
  await expect(fresh.page).toHaveURL(/\/password$/);
  await expect(fresh.page.getByText('Сіз бір реттік құпиясөзбен кірдіңіз')).toBeVisible();
  await fresh.page.goto('/register');
  await expect(fresh.page).toHaveURL(/\/password$/);
  expect((await fresh.context.request.get('/api/v1/documents')).status()).toBe(403);
  await fresh.page.getByLabel('Қазіргі құпиясөз').fill(oneTime);
  await fresh.page.getByLabel('Жаңа құпиясөз', { exact: true }).fill('newcomer-password-1');
  await fresh.page.getByLabel('Жаңа құпиясөзді қайталаңыз').fill('newcomer-password-1');
  await fresh.page.getByRole('button', { name: 'Сақтау' }).click();
  await expect(fresh.page).toHaveURL(/\/inbox$/);
  await expect(fresh.page.getByRole('heading', { level: 1 })).toHaveText('Танысуым керек');
  await fresh.page.getByRole('navigation').getByRole('link', { name: 'Құжаттар тізілімі' }).click();
  await expect(fresh.page.getByRole('heading', { level: 1 })).toHaveText('Құжаттар тізілімі');
  expect((await fresh.context.request.get('/api/v1/documents')).status()).toBe(200);

  // Roles changed, then deactivated; then a reset gives a new one-time password.
  await page.getByRole('button', { name: /Өзгерту.*newcomer/ }).click();
  const edit = page.getByRole('form', { name: 'Есептік жазбаны өзгерту: newcomer' });
  await edit.getByRole('checkbox', { name: 'автор', exact: true }).check();
  await edit.getByRole('button', { name: 'Сақтау' }).click();
  await expect(page.getByRole('status')).toContainText('Сақталды: newcomer');
  await expect(page.getByRole('row').filter({ hasText: 'newcomer' })).toContainText('автор');
  await expect(page.getByRole('row').filter({ hasText: 'newcomer' })).toContainText('қызметкер');
  await page.getByRole('button', { name: /Өзгерту.*newcomer/ }).click();
  await page.getByRole('button', { name: 'Құпиясөзді қалпына келтіру' }).click();
  await expect(handOver).toContainText('newcomer үшін бір реттік құпиясөз');
  const reset = /құпиясөз: (\S+)\./.exec((await handOver.textContent())!)![1];
  const again = await ApiClient.signedIn(server.baseURL, 'newcomer', reset);
  expect((await again.get('/api/v1/me')).mustChangePassword).toBe(true);
  await page.getByRole('button', { name: /Өзгерту.*newcomer/ }).click();
  await page.getByRole('form', { name: 'Есептік жазбаны өзгерту: newcomer' }).getByLabel('Белсенді').uncheck();
  await page.getByRole('form', { name: 'Есептік жазбаны өзгерту: newcomer' }).getByRole('button', { name: 'Сақтау' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'newcomer' })).toContainText('Өшірілген');
  const login = await fetch(`${server.baseURL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: 'newcomer', password: reset }),
  });
  expect(login.status).toBe(401);
});

for (const language of ['ru', 'en'] as const) {
  test(`people administration is accessible (${language}, 360 px)`, async ({ openPage }) => {
    const opened = await openPage({ baseURL: server.baseURL, language, width: 360, height: 780 });
    await signInByApi(opened, 'admin', 'admin-password-1');
    await opened.page.goto('/people');
    const row = opened.page.getByRole('row').filter({ hasText: 'М. Ж.' });
    await expect(row).toContainText(language === 'ru' ? 'согласующий / утверждающий' : 'approver / signatory');
    await row.getByRole('button').click();
    await expect(opened.page.locator('#edit-unit')).toBeVisible();
    await expectAccessible(opened.page, `people with the edit form (${language})`);
  });
}
