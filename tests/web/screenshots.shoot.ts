// A screenshot of every page, in Kazakh (desktop, and 360 px for the
// employee's pages) and one set in Russian, into NUSQA_SCREENSHOT_DIR
// (scripts/screenshots.sh: docs/screenshots). The data is the browser
// tests' seed, plus a draft of the coworking regulation with one sentence
// added (for the editor, the route editor and the comparison). Each page is
// shot once it shows its content.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import { ApiClient } from './support/api';
import { expect, signInByApi, state, test, type Language, type Opened } from './support/fixtures';

interface Shot {
  name: string;
  who: string | null; // null: signed out
  path: (ids: Ids) => string;
  ready: (page: Page) => Promise<void>;
  employee?: boolean; // also at 360 px
}
interface Ids {
  draft: number;
}

const visible = (selector: string) => async (page: Page) => {
  await expect(page.locator(selector).first()).toBeVisible();
};

const shots: Shot[] = [
  { name: 'signin', who: null, path: () => '/signin', ready: visible('#signin-login'), employee: true },
  { name: 'password', who: 'reader-a11y', path: () => '/password', ready: visible('#password-old'), employee: true },
  { name: 'inbox', who: 'reader-a11y', path: () => '/inbox', ready: visible('.card'), employee: true },
  { name: 'history', who: 'reader-a11y', path: () => '/history', ready: visible('tbody tr'), employee: true },
  { name: 'edition', who: 'reader-a11y', path: () => `/editions/${state().inForce.editionId}`, ready: visible('.edition-text #x-cl_1'), employee: true },
  {
    name: 'signing-dialog',
    who: 'reader-a11y',
    path: () => `/editions/${state().inForce.editionId}`,
    ready: async (page) => {
      await visible('.edition-text #x-cl_1')(page);
      await page.locator('.edition-facts button.primary').click();
      await expect(page.getByRole('dialog')).toBeVisible();
    },
    employee: true,
  },
  { name: 'queue', who: 'approver2', path: () => '/queue', ready: visible('.card') },
  { name: 'edition-in-agreement', who: 'approver2', path: () => `/editions/${state().waiting.editionId}`, ready: visible('.route') },
  { name: 'register', who: 'office', path: () => '/register', ready: visible('tbody tr') },
  { name: 'document', who: 'office', path: () => `/documents/${state().second.documentId}`, ready: visible('.timeline li') },
  { name: 'new-document', who: 'office', path: () => '/documents/new', ready: visible('main form input') },
  { name: 'new-edition', who: 'office', path: () => `/documents/${state().second.documentId}/editions/new`, ready: visible('main input') },
  { name: 'distribution', who: 'office', path: () => `/documents/${state().second.documentId}/distribution`, ready: visible('main fieldset input') },
  { name: 'send-for-agreement', who: 'office', path: (ids) => `/editions/${ids.draft}/send`, ready: visible('main form select') },
  {
    name: 'editor',
    who: 'office',
    path: (ids) => `/editions/${ids.draft}/edit`,
    ready: async (page) => {
      await visible('.ProseMirror')(page);
      await expect(page.locator('.editor-bar [role=status]')).not.toBeEmpty();
    },
  },
  { name: 'people', who: 'admin', path: () => '/people', ready: visible('tbody tr') },
  { name: 'dashboard', who: 'office', path: () => '/dashboard', ready: visible('#waiting-heading') },
  { name: 'units', who: 'admin', path: () => '/units', ready: visible('.tree li') },
  { name: 'register-on-date', who: 'office', path: () => '/register?date=2030-01-01', ready: visible('#on-date-heading') },
  { name: 'register-search', who: 'office', path: () => '/register?find=' + encodeURIComponent('бағдарламалық'), ready: visible('.hit mark') },
  { name: 'compare', who: 'auditor', path: (ids) => `/editions/${state().second.editionId}/compare/${ids.draft}`, ready: visible('ol.elements li') },
  { name: 'audit-log', who: 'auditor', path: () => '/audit', ready: visible('.chain-state') },
  { name: 'edition-history', who: 'auditor', path: () => `/editions/${state().inForce.editionId}/history`, ready: visible('tbody tr') },
  {
    name: 'audit-package',
    who: 'auditor',
    path: () => '/audit/package',
    ready: async (page) => {
      const download = page.waitForEvent('download');
      await page.locator('form button[type=submit]').click();
      await download;
      await expect(page.locator('.done')).toBeVisible();
    },
  },
  {
    name: 'verify-pdf',
    who: 'auditor',
    path: () => '/verify-pdf',
    ready: async (page) => {
      const sealed = await (await page.request.get(`/api/v1/editions/${state().inForce.editionId}/pdf`)).body();
      await page.locator('#verify-file').setInputFiles({ name: 'sealed.pdf', mimeType: 'application/pdf', buffer: sealed });
      await page.locator('form button[type=submit]').click();
      await expect(page.locator('li.signature').first()).toBeVisible();
    },
  },
  { name: 'not-found', who: 'reader-a11y', path: () => '/no/such/page', ready: visible('.error-page') },
];

// A draft of the coworking regulation with one sentence added.
async function makeDraft(): Promise<number> {
  const { second, users, baseURL } = state();
  const office = await ApiClient.signedIn(baseURL, 'office', users.office.password);
  const draft = (await office.post(`/api/v1/documents/${second.documentId}/editions/next`)).id as number;
  const cookie = (office as unknown as { cookie: string }).cookie;
  const current = await fetch(`${baseURL}/api/v1/editions/${draft}`, { headers: { Accept: 'application/xml', Cookie: cookie } });
  const changed = (await current.text()).replace('</p>', ' Орталық жұмысының жылдық есебі сапа бөліміне беріледі.</p>');
  const put = await fetch(`${baseURL}/api/v1/editions/${draft}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/xml', 'If-Match': current.headers.get('etag')!, Cookie: cookie },
    body: changed,
  });
  expect(put.status, await put.clone().text()).toBe(200);
  return draft;
}

test('a screenshot of every page', async ({ openPage }) => {
  const out = process.env.NUSQA_SCREENSHOT_DIR;
  if (!out) throw new Error('NUSQA_SCREENSHOT_DIR is not set (scripts/screenshots.sh sets it)');
  const ids: Ids = { draft: await makeDraft() };
  const sets: { language: Language; width: number; height: number; folder: string; only?: (shot: Shot) => boolean }[] = [
    { language: 'kk', width: 1280, height: 800, folder: 'kk' },
    { language: 'kk', width: 360, height: 740, folder: 'kk-360', only: (shot) => !!shot.employee },
    { language: 'ru', width: 1280, height: 800, folder: 'ru' },
  ];
  for (const set of sets) {
    const sessions = new Map<string, Opened>();
    for (const shot of shots.filter(set.only ?? (() => true))) {
      const key = shot.who ?? '';
      let opened = sessions.get(key);
      if (!opened) {
        opened = await openPage({ language: set.language, width: set.width, height: set.height });
        if (shot.who === 'admin') await signInByApi(opened, 'admin', state().adminPassword);
        else if (shot.who) await signInByApi(opened, shot.who);
        sessions.set(key, opened);
      }
      const { page } = opened;
      await page.goto(shot.path(ids));
      await shot.ready(page);
      // Animations and the caret settle; focus rings of the last click go.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur?.());
      await page.waitForTimeout(150);
      const file = join(out, set.folder, `${shot.name}.png`);
      mkdirSync(dirname(file), { recursive: true });
      await page.screenshot({ path: file });
    }
  }
});
