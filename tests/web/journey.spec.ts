// The employee's journey: sign in, find the edition in «Танысуым керек»,
// read it (text with clause numbers, the sealed PDF in the page), sign the
// familiarization in the signing dialog — on a 360 px phone, and with the
// keyboard alone.
import { ApiClient } from './support/api';
import { expect, shownDate, state, test, todayShown } from './support/fixtures';

test('an employee signs a familiarization from the inbox on a 360 px phone', async ({ openPage }) => {
  const { inForce, second, users } = state();
  const { page } = await openPage({ width: 360, height: 740 });

  await page.goto('/');
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Жүйеге кіру');
  await expect(page.locator('html')).toHaveAttribute('lang', 'kk');
  await page.getByLabel('Логин').fill('reader-phone');
  await page.getByLabel('Құпиясөз').fill(users['reader-phone'].password);
  await page.getByRole('button', { name: 'Кіру' }).click();

  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Танысуым керек');
  await expect(page.getByText('Танысуды күтетін құжаттар: 2')).toBeVisible();
  const card = page.getByRole('listitem').filter({ hasText: inForce.code });
  await expect(card.getByRole('heading')).toContainText(inForce.title);
  await expect(card).toContainText('№ 1 басылым');
  await expect(card).toContainText('Мерзімі өтпеген');
  // The due date as the API has it, shown dd.mm.yyyy.
  const api = await ApiClient.signedIn(state().baseURL, 'reader-phone', users['reader-phone'].password);
  const mine = await api.get('/api/v1/me/familiarizations');
  const assignment = mine.items.find((a: { editionId: number }) => a.editionId === inForce.editionId);
  await expect(card).toContainText(shownDate(assignment.dueDate));
  // Nothing wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  await card.getByRole('link', { name: /Оқу және қол қою/ }).click();
  await expect(page).toHaveURL(new RegExp(`/editions/${inForce.editionId}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(inForce.code);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(inForce.title);
  // The text from the XML, with its chapter and clause numbers.
  const text = page.locator('.edition-text');
  await expect(text.getByRole('heading', { name: '1 Тарау. Қолдану саласы' })).toBeVisible();
  await expect(text.locator('#x-cl_1 .num')).toHaveText('1.');
  await expect(text.locator('#x-cl_1')).toContainText('Бағдарламалық қамтамасыз етуді әзірлеу');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // The sealed PDF in the page.
  await page.getByRole('button', { name: 'PDF' }).click();
  const frame = page.locator('iframe.pdf-frame');
  await expect(frame).toHaveAttribute('src', `/api/v1/editions/${inForce.editionId}/pdf`);
  await expect(frame).toHaveAttribute('title', `${inForce.code} құжатының PDF нұсқасы`);
  const pdf = await page.request.get(`/api/v1/editions/${inForce.editionId}/pdf`);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

  // The signing dialog shows what is signed and what it means.
  await page.getByRole('button', { name: 'Таныстым — қол қою' }).click();
  const dialog = page.getByRole('dialog', { name: 'Электрондық қол қою' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(inForce.code);
  await expect(dialog).toContainText('№ 1 басылым');
  await expect(dialog).toContainText(inForce.sha256.slice(0, 8));
  await expect(dialog).toContainText(inForce.sha256.slice(-8));
  await expect(dialog).toContainText('Мен осы басылыммен таныстым');
  await expect(dialog.getByLabel('Растау үшін құпиясөзді қайта енгізіңіз')).toBeFocused();

  // A wrong password signs nothing and says so.
  await dialog.getByLabel('Растау үшін құпиясөзді қайта енгізіңіз').fill('not-my-password');
  await dialog.getByRole('button', { name: 'Қол қою' }).click();
  await expect(dialog.getByText('Құпиясөз қате: ештеңеге қол қойылған жоқ')).toBeVisible();
  await expect(dialog).toBeVisible();

  await dialog.getByLabel('Растау үшін құпиясөзді қайта енгізіңіз').fill(users['reader-phone'].password);
  await dialog.getByRole('button', { name: 'Қол қою' }).click();
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByRole('status')).toContainText(`Қол қойылды: ${inForce.code}, № 1 басылым`);
  await expect(page.getByText('Танысуды күтетін құжаттар: 1')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: inForce.code })).toHaveCount(0);
  await expect(page.getByRole('listitem').filter({ hasText: second.code })).toHaveCount(1);

  // My signatures: the edition, signed today.
  await page.getByRole('navigation').getByRole('link', { name: 'Қол қойғандарым' }).click();
  const row = page.getByRole('row').filter({ hasText: inForce.code });
  await expect(row).toContainText(todayShown());
  await expect(row).toContainText('№ 1');

  // The record is on the server, bound to the edition's SHA-256.
  const office = await ApiClient.signedIn(state().baseURL, 'office', users.office.password);
  const signed = await office.get(`/api/v1/editions/${inForce.editionId}/familiarizations?signed=true`);
  expect(signed.items.map((a: { userId: number }) => a.userId)).toContain(users['reader-phone'].id);
  const lifecycle = await office.get(`/api/v1/editions/${inForce.editionId}/lifecycle`);
  const signature = lifecycle.signatures.find(
    (s: { userId: number; meaning: string }) => s.userId === users['reader-phone'].id && s.meaning === 'familiarized',
  );
  expect(signature.editionSha256).toBe(inForce.sha256);
});

test('an employee signs a familiarization with the keyboard alone', async ({ openPage }) => {
  const { inForce, users } = state();
  const { page } = await openPage();
  const focused = () => page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return { id: element?.id ?? '', text: (element?.textContent ?? '').trim(), tag: element?.tagName ?? '' };
  });
  async function tabTo(match: (f: { id: string; text: string; tag: string }) => boolean, what: string) {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      if (match(await focused())) return;
    }
    throw new Error(`Tab never reached ${what}`);
  }

  await page.goto('/signin');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Жүйеге кіру');
  // The skip link comes first and leads to the main content.
  await page.keyboard.press('Tab');
  expect((await focused()).text).toBe('Негізгі мазмұнға өту');
  await expect(page.locator('.skip-link')).toBeInViewport();
  await tabTo((f) => f.id === 'signin-login', 'the login field');
  await page.keyboard.type('reader-keys');
  await page.keyboard.press('Tab');
  expect((await focused()).id).toBe('signin-password');
  await page.keyboard.type(users['reader-keys'].password);
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(/\/inbox$/);
  await tabTo((f) => f.tag === 'A' && f.text.includes('Оқу және қол қою') && f.text.includes(inForce.code), 'the edition');
  // Focus is visible.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(new RegExp(`/editions/${inForce.editionId}$`));
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await tabTo((f) => f.tag === 'BUTTON' && f.text === 'Таныстым — қол қою', 'the sign button');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Электрондық қол қою' });
  await expect(dialog).toBeVisible();
  expect((await focused()).id).toBe('sign-password');
  // Focus is trapped: Tab and Shift+Tab go round the dialog's controls,
  // never to the page behind it.
  const inDialog = () => page.evaluate(() => !!document.activeElement?.closest('[role=dialog], dialog'));
  for (const key of [...Array(6).fill('Tab'), ...Array(6).fill('Shift+Tab')] as string[]) {
    await page.keyboard.press(key);
    expect(await inDialog(), `focus after ${key}`).toBe(true);
  }
  expect((await focused()).id).toBe('sign-password');
  // Escape closes the dialog without signing; focus goes back to the button.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect((await focused()).text).toBe('Таныстым — қол қою');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await page.keyboard.type(users['reader-keys'].password);
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByRole('status')).toContainText(`Қол қойылды: ${inForce.code}`);
  await expect(page.getByRole('listitem').filter({ hasText: inForce.code })).toHaveCount(0);
});
