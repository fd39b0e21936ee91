// axe on every page built so far, in kk, ru and en: zero violations. Each
// page is checked once it shows its content (not a loading state).
import { expect, expectAccessible, signInByApi, state, test, type Language } from './support/fixtures';

const languages: Language[] = ['kk', 'ru', 'en'];

for (const language of languages) {
  test(`every page passes axe in ${language}`, async ({ openPage }) => {
    test.setTimeout(300_000); // some 20 pages, each waited for and analysed (on a shared 2-core machine)
    const { inForce, second, waiting } = state();

    // Signed out: the sign-in page.
    const anonymous = await openPage({ language });
    await anonymous.page.goto('/signin');
    await expect(anonymous.page.locator('#signin-login')).toBeVisible();
    await expectAccessible(anonymous.page, `sign-in (${language})`);
    // ...with an error shown.
    await anonymous.page.locator('#signin-login').fill('nobody');
    await anonymous.page.locator('#signin-password').fill('wrong-password-1');
    await anonymous.page.locator('form button[type=submit]').click();
    await expect(anonymous.page.locator('#signin-error')).toBeVisible();
    await expectAccessible(anonymous.page, `sign-in with an error (${language})`);

    const reader = await openPage({ language });
    const page = reader.page;
    await signInByApi(reader, 'reader-a11y');
    await page.goto('/inbox');
    await expect(page.locator('.card').first()).toBeVisible();
    await expectAccessible(page, `inbox (${language})`);

    await page.goto('/history');
    await expect(page.getByRole('row').filter({ hasText: second.code })).toBeVisible();
    await expectAccessible(page, `history (${language})`);

    await page.goto(`/editions/${inForce.editionId}`);
    await expect(page.locator('.edition-text #x-cl_1')).toBeVisible();
    await expectAccessible(page, `edition text (${language})`);
    await page.locator('.view-switch button').nth(1).click();
    await expect(page.locator('iframe.pdf-frame')).toBeVisible();
    await expectAccessible(page, `edition PDF (${language})`);
    await page.locator('.edition-facts button.primary').click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectAccessible(page, `signing dialog (${language})`);
    await page.keyboard.press('Escape');

    await page.goto('/password');
    await expect(page.locator('#password-old')).toBeVisible();
    await expectAccessible(page, `password change (${language})`);

    await page.goto('/register');
    await expect(page.locator('tbody tr').first()).toBeVisible();
    await expectAccessible(page, `register (${language})`);

    await page.goto(`/documents/${inForce.documentId}`);
    await expect(page.locator('.timeline li').first()).toBeVisible();
    await expectAccessible(page, `document (${language})`);

    await page.goto('/no/such/page');
    await expect(page.locator('.error-page')).toBeVisible();
    await expectAccessible(page, `404 (${language})`);

    await page.route('**/api/v1/documents?*', (route) =>
      route.fulfill({ status: 403, json: { error: { code: 'forbidden', message: 'may not read the register' } } }),
    );
    await page.goto('/register');
    await expect(page.locator('.error-page')).toBeVisible();
    await expectAccessible(page, `403 (${language})`);
    await page.unroute('**/api/v1/documents?*');

    await page.route('**/api/v1/**', (route) => route.abort('connectionrefused'));
    await page.goto('/inbox');
    await expect(page.locator('.error-page button')).toBeVisible();
    await expectAccessible(page, `lost connection (${language})`);
    await page.unroute('**/api/v1/**');

    // The approver's queue, with an edition waiting.
    const approver = await openPage({ language });
    await signInByApi(approver, 'approver2');
    await approver.page.goto('/queue');
    await expect(approver.page.locator('.card').filter({ hasText: waiting.code })).toBeVisible();
    await expectAccessible(approver.page, `queue (${language})`);
    await approver.page.goto(`/editions/${waiting.editionId}`);
    await expect(approver.page.locator('.route')).toBeVisible();
    await expectAccessible(approver.page, `edition in the queue (${language})`);

    // dashboard, units, register, copies, import, people directory (web14b):
    // the quality office's pages, with their content shown.
    const office = await openPage({ language });
    await signInByApi(office, 'office');
    await office.page.goto('/dashboard');
    await expect(office.page.locator('#waiting-heading')).toBeVisible();
    await expectAccessible(office.page, `dashboard (${language})`);
    await office.page.goto('/units');
    await expect(office.page.locator('.tree li').first()).toBeVisible();
    await expectAccessible(office.page, `units (${language})`);
    await office.page.goto('/register?date=2030-01-01');
    await expect(office.page.locator('#on-date-heading')).toBeVisible();
    await expectAccessible(office.page, `register on a date (${language})`);
    await office.page.goto('/register?find=' + encodeURIComponent('бағдарламалық'));
    await expect(office.page.locator('.hit mark').first()).toBeVisible();
    await expectAccessible(office.page, `register search (${language})`);
    await office.page.goto(`/documents/${inForce.documentId}`);
    await expect(office.page.locator('.issue select')).toBeVisible();
    await expect(office.page.locator('.progress-table')).toBeVisible();
    await expectAccessible(office.page, `document with copies and progress (${language})`);

    // At 360 px the same pages stay accessible (reflow, no overlap).
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/inbox');
    await expect(page.locator('.card').first()).toBeVisible();
    await expectAccessible(page, `inbox at 360 px (${language})`);
  });
}
