// The register, the document page, sessions, the first-login password
// change, languages, and the pages for 403, 404 and a lost connection.
import { ApiClient } from './support/api';
import { createUserWithOneTimePassword } from './support/server';
import { expect, isoDate, signInByApi, state, test } from './support/fixtures';

test('the register filters, pages and leads to the document page', async ({ openPage }) => {
  const { inForce, extraDocuments } = state();
  const opened = await openPage();
  const { page } = opened;
  await signInByApi(opened, 'office');
  await page.goto('/register');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Құжаттар тізілімі');
  const total = 5 + extraDocuments;
  await expect(page.getByText(`${total} құжаттың 1–20`)).toBeVisible();
  await page.getByRole('link', { name: 'Келесі бет' }).click();
  await expect(page).toHaveURL(/offset=20/);
  await expect(page.getByText(`${total} құжаттың 21–${total}`)).toBeVisible();
  await page.goBack();
  await expect(page.getByText(`${total} құжаттың 1–20`)).toBeVisible();

  await page.getByLabel('Түрі').selectOption('work_instruction');
  await page.getByRole('button', { name: 'Көрсету' }).click();
  await expect(page).toHaveURL(/kind=work_instruction/);
  await expect(page.getByText(`${extraDocuments} құжаттың 1–20`)).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'ЖН-ТЕСТ-01' })).toContainText('Жұмыс нұсқаулығы');

  await page.getByLabel('Түрі').selectOption('');
  await page.getByLabel('Код немесе атауы бойынша іздеу').fill('Е 075');
  await page.getByLabel('Күйі').selectOption('in_force');
  await page.getByRole('button', { name: 'Көрсету' }).click();
  await expect(page.getByText('1 құжаттың 1–1')).toBeVisible();
  await page.getByRole('link', { name: inForce.code }).click();

  await expect(page).toHaveURL(new RegExp(`/documents/${inForce.documentId}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(inForce.title);
  const edition = page.getByRole('listitem').filter({ hasText: '№ 1 басылым' });
  await expect(edition).toContainText('Қолданыста');
  await expect(edition).toContainText('№ 12-Ж');
  await expect(edition).toContainText(inForce.sha256.slice(0, 8));
  const steps = edition.getByRole('region', { name: /Келісу қадамдары/ });
  await expect(steps.getByRole('row')).toHaveCount(4); // header + two approvers + the signatory
  await expect(steps.getByRole('row').filter({ hasText: 'Ескертусіз' })).toContainText('Р. С. Омаров');
  await expect(page.getByRole('region', { name: 'Танысуға міндетті бөлімшелер' })).toContainText(
    'Бағдарламалық қамтамасыз ету бөлімі',
  );
  await edition.getByRole('link', { name: /Басылымды ашу/ }).click();
  await expect(page).toHaveURL(new RegExp(`/editions/${inForce.editionId}$`));
});

test('signing out ends the session; a lost session asks to sign in again and comes back', async ({ openPage }) => {
  const { users } = state();
  const opened = await openPage();
  const { page, context } = opened;
  await signInByApi(opened, 'reader-session');
  await page.goto('/inbox');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Танысуым керек');
  await page.getByRole('button', { name: 'Шығу' }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.getByRole('status')).toContainText('Сіз жүйеден шықтыңыз');
  // The cookie is gone on the server too.
  expect((await context.request.get('/api/v1/me')).status()).toBe(401);

  await page.goto('/history');
  await expect(page).toHaveURL(/\/signin\?next=%2Fhistory$/);
  await page.getByLabel('Логин').fill('reader-session');
  await page.getByLabel('Құпиясөз').fill('wrong-password-1');
  await page.getByRole('button', { name: 'Кіру' }).click();
  await expect(page.getByText('Логин немесе құпиясөз қате')).toBeVisible();
  await page.getByLabel('Құпиясөз').fill(users['reader-session'].password);
  await page.getByRole('button', { name: 'Кіру' }).click();
  await expect(page).toHaveURL(/\/history$/);
  await expect(page.getByText('Әзірге қол қойылған танысу жоқ.')).toBeVisible();

  // The session ends behind the page's back: the next request says so.
  await context.clearCookies();
  await page.getByRole('navigation').getByRole('link', { name: 'Танысуым керек' }).click();
  await expect(page).toHaveURL(/\/signin\?next=%2Finbox$/);
  await expect(page.getByRole('alert')).toContainText('Сеанс аяқталды. Қайта кіріңіз.');
});

test('a one-time password must be changed first', async ({ openPage }) => {
  const { dataDir, unitId } = state();
  const oneTime = createUserWithOneTimePassword(dataDir, 'newcomer', 'employee', unitId);
  const { page } = await openPage();
  await page.goto('/signin');
  await page.getByLabel('Логин').fill('newcomer');
  await page.getByLabel('Құпиясөз').fill(oneTime);
  await page.getByRole('button', { name: 'Кіру' }).click();
  await expect(page).toHaveURL(/\/password$/);
  await expect(page.getByText('Сіз бір реттік құпиясөзбен кірдіңіз')).toBeVisible();
  await expect(page.getByRole('navigation')).toHaveCount(0);
  // Other pages lead back here until the password is changed.
  await page.goto('/inbox');
  await expect(page).toHaveURL(/\/password$/);

  await page.getByLabel('Қазіргі құпиясөз').fill(oneTime);
  await page.getByLabel('Жаңа құпиясөз', { exact: true }).fill('newcomer-password-1');
  await page.getByLabel('Жаңа құпиясөзді қайталаңыз').fill('newcomer-password-2');
  await page.getByRole('button', { name: 'Сақтау' }).click();
  await expect(page.getByText('Жаңа құпиясөздер сәйкес емес')).toBeVisible();
  await page.getByLabel('Жаңа құпиясөзді қайталаңыз').fill('newcomer-password-1');
  await page.getByRole('button', { name: 'Сақтау' }).click();
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByRole('status')).toContainText('Құпиясөз ауыстырылды');
  // Assigned later than the edition came into force: the scheduler assigns
  // the newcomer; the inbox shows the page either way.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Танысуым керек');
  await ApiClient.signedIn(state().baseURL, 'newcomer', 'newcomer-password-1');
});

test('the account language is used, and the switcher changes every text', async ({ openPage }) => {
  const { inForce, users } = state();
  const { page } = await openPage();
  await page.goto('/signin');
  await expect(page.getByRole('button', { name: 'Кіру' })).toBeVisible();
  await page.getByLabel('Логин').fill('reader-ru');
  await page.getByLabel('Құпиясөз').fill(users['reader-ru'].password);
  await page.getByRole('button', { name: 'Кіру' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Мне нужно ознакомиться');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page.getByRole('listitem').filter({ hasText: inForce.code })).toContainText('издание № 1');
  await expect(page.getByRole('button', { name: 'Русский' })).toHaveAttribute('aria-pressed', 'true');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('To read');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('navigation', { name: 'Main menu' })).toContainText('Document register');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('To read'); // kept for this tab
  await page.getByRole('button', { name: 'Қазақша' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Танысуым керек');
  await expect(page.getByRole('listitem').filter({ hasText: inForce.code })).toContainText(/\d{2}\.\d{2}\.\d{4}/);
});

test('overdue assignments show how many days late', async ({ openPage }) => {
  const opened = await openPage();
  const { page } = opened;
  await signInByApi(opened, 'reader-a11y');
  // The server's scheduler cannot be moved in time here: the list's due
  // date is moved back three days on its way to the page.
  await page.route('**/api/v1/me/familiarizations', async (route) => {
    const reply = await route.fetch();
    const body = await reply.json();
    for (const item of body.items) item.dueDate = isoDate(-3);
    await route.fulfill({ response: reply, json: body });
  });
  await page.goto('/inbox');
  const card = page.getByRole('listitem').filter({ hasText: state().inForce.code });
  await expect(card).toContainText('3 күн');
  await expect(card).toHaveClass(/overdue/);
});

test('pages for a lost connection, 403 and 404', async ({ openPage }) => {
  const opened = await openPage();
  const { page } = opened;
  await signInByApi(opened, 'reader-a11y');

  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Бет табылмады');
  await page.goto('/editions/999999');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Бет табылмады');

  await page.route('**/api/v1/documents?*', (route) =>
    route.fulfill({ status: 403, json: { error: { code: 'forbidden', message: 'reader-a11y (employee) may not read the register' } } }),
  );
  await page.goto('/register');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Рұқсат жоқ');
  await expect(page.getByText('may not read the register')).toBeVisible();
  await page.unroute('**/api/v1/documents?*');

  await page.route('**/api/v1/**', (route) => route.abort('connectionrefused'));
  await page.goto('/inbox');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Сервермен байланыс жоқ');
  await page.unroute('**/api/v1/**');
  await page.getByRole('button', { name: 'Қайталау' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Танысуым керек');
});
