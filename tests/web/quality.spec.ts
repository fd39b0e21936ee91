// The quality office's pages over the seeded register: the register in
// force on a chosen date and its full-text search (the clause and the
// snippet with the matched words marked), controlled copies issued and
// recalled on the document page with familiarization progress per unit,
// the dashboard, and the units administration (a tree; create, rename,
// move under a parent; positions).
import { expect, expectAccessible, isoDate, signInByApi, state, test } from './support/fixtures';

test('the register in force on a date and the full-text search with marked words', async ({ openPage }) => {
  const { inForce, second } = state();
  const opened = await openPage({ width: 360, height: 780 });
  await signInByApi(opened, 'office');
  const { page } = opened;
  await page.goto('/register');
  // In force today: both seeded editions, with their edition and date.
  const iso = isoDate();
  await page.getByLabel('Күні қолданыста', { exact: true }).fill(iso);
  await page.getByRole('button', { name: 'Көрсету' }).click();
  await expect(page).toHaveURL(new RegExp(`date=${iso}`));
  await expect(page.getByRole('heading', { level: 2 })).toContainText('күні қолданыстағы басылымдар');
  const rows = page.getByRole('region', { name: /қолданыстағы басылымдар/ }).getByRole('row');
  await expect(rows.filter({ hasText: inForce.code })).toContainText('№ 1 басылым');
  await expect(rows.filter({ hasText: second.code })).toContainText('Қолданыста');
  // Nothing was in force in 2020.
  await page.getByLabel('Күні қолданыста', { exact: true }).fill('2020-01-01');
  await page.getByRole('button', { name: 'Көрсету' }).click();
  await expect(page.getByText('Ештеңе табылмады.')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // The search: one hit per edition, its clause and the marked words (the
  // document may have a draft edition too, made by another spec: the office
  // sees drafts, so the first of its hits is checked).
  await page.goto('/register');
  await page.getByLabel('Мәтін бойынша іздеу').fill('коворкинг');
  await page.getByRole('button', { name: 'Көрсету' }).click();
  const hit = page.locator('.hit').filter({ hasText: second.code }).first();
  await expect(hit).toBeVisible();
  await expect(hit.locator('mark').first()).toHaveText(/коворкинг/i);
  // The snippet is text: a tag typed in the query comes back as text.
  expect(await hit.locator('.snippet').evaluate((p) => p.querySelectorAll('*:not(mark)').length)).toBe(0);
  await hit.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/editions/${second.editionId}`));
});

test('controlled copies are issued to a unit and recalled; familiarization per unit', async ({ openPage }) => {
  const { inForce } = state();
  const opened = await openPage();
  await signInByApi(opened, 'office');
  const { page } = opened;
  await page.goto(`/documents/${inForce.documentId}`);
  const edition = page.locator('.timeline > li').filter({ hasText: '№ 1 басылым' });
  await expect(edition).toContainText('Қолданыста');
  const progress = edition.getByRole('region', { name: /Бөлімшелер бойынша танысу/ });
  await expect(progress.getByRole('row').filter({ hasText: 'Бағдарламалық қамтамасыз ету бөлімі' })).toContainText(/\d+ адамның \d+/);

  const form = edition.getByRole('form', { name: /Дана беру/ });
  await form.getByLabel('бөлімшеге').check();
  await form.getByLabel('Ұстаушы').selectOption({ label: 'Бағдарламалық қамтамасыз ету бөлімі' });
  await form.getByLabel('Ескертпе').fill('Бөлім меңгерушісіне');
  await form.getByRole('button', { name: 'Беру' }).click();
  await expect(page.getByRole('status')).toContainText(/№ \d+ дана берілді/);
  const copies = edition.getByRole('region', { name: /Бақыланатын даналар/ });
  const row = copies.getByRole('row').filter({ hasText: 'Бөлім меңгерушісіне' });
  await expect(row).toContainText('Берілген');
  await expect(row.getByRole('link', { name: /PDF/ })).toHaveAttribute('href', /\/api\/v1\/copies\/\d+\/pdf$/);
  await expectAccessible(page, 'document with a controlled copy');
  await row.getByRole('button', { name: /Қайтарылды деп белгілеу/ }).click();
  await expect(page.getByRole('status')).toContainText(/№ \d+ дана қайтарылды/);
  await expect(copies.getByRole('row').filter({ hasText: 'Бөлім меңгерушісіне' })).toContainText('Қайтарылды');
});

test('the dashboard names whose turn each route waits on', async ({ openPage }) => {
  const { waiting } = state();
  const opened = await openPage({ language: 'ru' });
  await signInByApi(opened, 'office');
  const { page } = opened;
  await page.goto('/inbox');
  await page.getByRole('navigation').getByRole('link', { name: 'Панель мониторинга' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Панель мониторинга');
  const row = page.getByRole('region', { name: 'Маршруты согласования: чья очередь' }).getByRole('row').filter({ hasText: waiting.code });
  await expect(row).toContainText('Р. С. Омаров');
  await expect(row).toContainText('согласование');
  await expect(page.getByRole('link', { name: /Действует/ })).toHaveAttribute('href', '/register?status=in_force');
});

test('an admin builds the units tree: create under a parent, rename, move to the top; a position', async ({ openPage }) => {
  const opened = await openPage({ width: 360, height: 780 });
  await signInByApi(opened, 'admin', 'admin-password-1');
  const { page } = opened;
  await page.goto('/inbox');
  await page.getByRole('navigation').getByRole('link', { name: 'Бөлімшелер' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Бөлімшелер мен лауазымдар');
  await expect(page.locator('.tree > li').filter({ hasText: 'Бағдарламалық қамтамасыз ету бөлімі' })).toBeVisible();

  const create = page.getByRole('form', { name: 'Жаңа бөлімше' });
  await create.getByLabel('Атауы (қазақша)').fill('Тестілеу тобы');
  await create.getByLabel('Атауы (орысша)').fill('Группа тестирования');
  await create.getByLabel('Жоғары бөлімше').selectOption({ label: 'Бағдарламалық қамтамасыз ету бөлімі' });
  await create.getByRole('button', { name: 'Қосу' }).click();
  await expect(page.getByRole('status')).toContainText('Қосылды: Тестілеу тобы');
  const nested = page.locator('.tree > li').filter({ hasText: 'Бағдарламалық қамтамасыз ету бөлімі' }).locator('.subtree > li');
  await expect(nested.filter({ hasText: 'Тестілеу тобы' })).toBeVisible();
  await expectAccessible(page, 'units with a sub-unit');

  await page.getByRole('button', { name: /Өзгерту.*Тестілеу тобы/ }).click();
  const edit = page.getByRole('form', { name: 'Өзгерту: Тестілеу тобы' });
  await edit.getByLabel('Атауы (қазақша)').fill('Сапа тестілеу тобы');
  await edit.getByLabel('Жоғары бөлімше').selectOption({ label: '— жоғарғы деңгей —' });
  await edit.getByRole('button', { name: 'Сақтау' }).click();
  await expect(page.getByRole('status')).toContainText('Сақталды: Сапа тестілеу тобы');
  await expect(page.locator('.tree > li > .node').filter({ hasText: 'Сапа тестілеу тобы' })).toBeVisible();
  await expect(nested.filter({ hasText: 'тестілеу тобы' })).toHaveCount(0);
  // A unit cannot go under itself: it is not among its own parents.
  await page.getByRole('button', { name: /Өзгерту.*Бағдарламалық қамтамасыз ету бөлімі/ }).click();
  await expect(
    page.getByRole('form', { name: 'Өзгерту: Бағдарламалық қамтамасыз ету бөлімі' }).getByLabel('Жоғары бөлімше').locator('option', { hasText: 'Бағдарламалық' }),
  ).toHaveCount(0);
  await page.getByRole('button', { name: 'Бас тарту' }).click();

  const position = page.getByRole('form', { name: 'Жаңа лауазым' });
  await position.getByLabel('Атауы (қазақша)').fill('Сарапшы');
  await position.getByRole('button', { name: 'Қосу' }).click();
  await expect(page.locator('.positions')).toContainText('Сарапшы');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});
