// axe on every page built so far, in kk, ru and en: zero violations. Each
// page is checked once it shows its content (not a loading state). The
// list of pages comes from the router's route table: a route that no axe
// check covers fails the first test here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiClient } from './support/api';
import { expect, expectAccessible, signInByApi, state, test, type Language } from './support/fixtures';

const languages: Language[] = ['kk', 'ru', 'en'];

// Where each route of the router is checked by axe in all three languages:
// here, or in the spec named (pages that need data of their own).
const axeCoverage: Record<string, string> = {
  '/signin': 'here',
  '/password': 'here',
  '/inbox': 'here',
  '/history': 'here',
  '/editions/:id': 'here',
  '/editions/:id/edit': 'here',
  '/queue': 'here',
  '/register': 'here',
  '/documents/new': 'office.spec.ts (new document, each language)',
  '/documents/:id': 'here',
  '/documents/:id/editions/new': 'office.spec.ts (import report, each language)',
  '/documents/:id/distribution': 'office.spec.ts (distribution, each language)',
  '/people': 'office.spec.ts (people, kk; with the edit form, ru and en)',
  '/editions/:a/compare/:b': 'office.spec.ts (compare inline and side by side, each language)',
  '/editions/:id/send': 'office.spec.ts (route editor, each language)',
  // dashboard, units (web14b)
  '/dashboard': 'here',
  '/units': 'here',
  // auditor: audit log, verify, package, history
  '/audit': 'here',
  '/audit/package': 'here',
  '/verify-pdf': 'here',
  '/editions/:id/history': 'here',
};

// The patterns of the route table, read from its source (the module itself
// needs the Svelte compiler to load).
function routerPatterns(): string[] {
  const file = join(process.env.NUSQA_SOURCE_DIR!, 'server/web/src/lib/router.svelte.ts');
  const table = readFileSync(file, 'utf8').split('export const routes')[1].split('];')[0];
  return [...table.matchAll(/pattern:\s*'([^']+)'/g)].map((match) => match[1]);
}

test('every route of the router has an axe check', () => {
  const patterns = routerPatterns();
  expect(patterns.length).toBeGreaterThan(15);
  expect(patterns.filter((pattern) => !(pattern in axeCoverage)), 'routes without an axe check').toEqual([]);
  expect(Object.keys(axeCoverage).filter((pattern) => !patterns.includes(pattern)), 'checks of routes gone').toEqual([]);
});

// A draft of the coworking document for the editor (made once, whichever
// language's test comes first; a second request finds it).
async function draftEdition(): Promise<number> {
  const { second, users } = state();
  const office = await ApiClient.signedIn(state().baseURL, 'office', users.office.password);
  const find = async () => {
    const document = await office.get(`/api/v1/documents/${second.documentId}`);
    return (document.editions as { id: number; status: string }[]).find((edition) => edition.status === 'draft')?.id;
  };
  const existing = await find();
  if (existing) return existing;
  try {
    return (await office.post(`/api/v1/documents/${second.documentId}/editions/next`)).id;
  } catch (error) {
    const made = await find();
    if (made) return made;
    throw error;
  }
}

for (const language of languages) {
  test(`every page passes axe in ${language}`, async ({ openPage }) => {
    test.setTimeout(600_000); // some 30 pages, each waited for and analysed (on a shared 2-core machine)
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

    // The structured editor, on a draft.
    const draft = await draftEdition();
    await office.page.goto(`/editions/${draft}/edit`);
    await expect(office.page.locator('.ProseMirror')).toBeVisible();
    await expect(office.page.locator('.editor-bar [role=status]')).not.toBeEmpty();
    await expectAccessible(office.page, `editor (${language})`);

    // auditor: audit log, verify, package, history
    const auditor = await openPage({ language });
    await signInByApi(auditor, 'auditor');
    await auditor.page.goto('/audit');
    await expect(auditor.page.locator('table.audit tbody tr').first()).toBeVisible();
    await expect(auditor.page.locator('.chain-state')).toHaveAttribute('data-intact', 'true');
    await expectAccessible(auditor.page, `audit log (${language})`);
    await auditor.page.goto(`/editions/${inForce.editionId}/history`);
    await expect(auditor.page.locator('tbody tr').first()).toBeVisible();
    await expectAccessible(auditor.page, `edition history (${language})`);
    await auditor.page.goto('/audit/package');
    await expect(auditor.page.locator('#package-from')).toBeVisible();
    await expectAccessible(auditor.page, `audit package (${language})`);
    await auditor.page.goto('/verify-pdf');
    await expect(auditor.page.locator('#verify-file')).toBeVisible();
    await expectAccessible(auditor.page, `verify a PDF (${language})`);
    const sealed = await (await auditor.page.request.get(`/api/v1/editions/${inForce.editionId}/pdf`)).body();
    await auditor.page.locator('#verify-file').setInputFiles({ name: 'sealed.pdf', mimeType: 'application/pdf', buffer: sealed });
    await auditor.page.locator('form button[type=submit]').click();
    await expect(auditor.page.locator('li.signature').first()).toBeVisible();
    await expectAccessible(auditor.page, `verified PDF (${language})`);

    // At 360 px the same pages stay accessible (reflow, no overlap).
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/inbox');
    await expect(page.locator('.card').first()).toBeVisible();
    await expectAccessible(page, `inbox at 360 px (${language})`);
  });
}
