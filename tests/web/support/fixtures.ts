// What every browser test shares: the seeded state, a context and page on
// the test server (from browser.newContext(), as axe needs), the sign-in
// through the API (the cookie lands in the browser context), an axe check,
// and a watch that fails the test on any Content-Security-Policy violation
// or uncaught page error.
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { isoDate } from './dates';
import type { SeedState } from './seed';

export { expect, isoDate };

let cached: SeedState | null = null;
export function state(): SeedState {
  cached ??= JSON.parse(readFileSync(process.env.NUSQA_WEB_STATE!, 'utf8')) as SeedState;
  return cached;
}

export type Language = 'kk' | 'ru' | 'en';

export interface Opened {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

// A fresh context and page. language: preset the switcher's choice for the
// tab (as a click on it would) before any script of the page runs.
async function open(browser: Browser, options: OpenOptions = {}): Promise<Opened> {
  const context = await browser.newContext({
    baseURL: options.baseURL ?? state().baseURL,
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    // The server counts days in UTC (Clock::today); the pages count them in
    // the browser's zone. The tests' dates come from UTC too, so the browser
    // runs in UTC: in Almaty's zone every date check failed from 19:00 UTC
    // on, when Almaty's day is already the next one.
    timezoneId: 'UTC',
  });
  if (options.language) {
    // (Every frame runs it; the PDF viewer's frame has no storage.)
    await context.addInitScript((language) => {
      try {
        window.sessionStorage?.setItem('nusqa.language', language);
      } catch {
        // no storage in this frame
      }
    }, options.language);
  }
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to/i.test(text)) problems.push(`CSP: ${text}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { context, page, problems };
}

export async function signInByApi(opened: Opened, login: string, password?: string): Promise<void> {
  const user = state().users[login];
  const reply = await opened.context.request.post('/api/v1/auth/login', {
    data: { login, password: password ?? user.password },
  });
  expect(reply.status(), `login ${login}`).toBe(200);
}

export async function expectAccessible(page: Page, label: string): Promise<void> {
  await test.step(`axe: ${label}`, async () => {
    const results = await new AxeBuilder({ page }).exclude('iframe.pdf-frame').analyze();
    const found = results.violations.map(
      (violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`,
    );
    expect(found, `axe on ${label}`).toEqual([]);
  });
}

// dd.mm.yyyy of today, as the pages show it.
export function todayShown(): string {
  return shownDate(isoDate());
}

export function shownDate(iso: string): string {
  const [year, month, day] = iso.slice(0, 10).split('-');
  return `${day}.${month}.${year}`;
}

type OpenOptions = { language?: Language; width?: number; height?: number; baseURL?: string };

export const test = base.extend<{ openPage: (options?: OpenOptions) => Promise<Opened> }>({
  // Pages opened here are checked after the test: no CSP violation and no
  // page error on any of them; then their contexts are closed.
  openPage: async ({ browser }, use) => {
    const list: Opened[] = [];
    await use(async (options: OpenOptions = {}) => {
      const opened = await open(browser, options);
      list.push(opened);
      return opened;
    });
    for (const item of list) {
      expect(item.problems, 'CSP violations and page errors').toEqual([]);
      await item.context.close();
    }
  },
});
