// The client-side router: history API paths, one lazily loaded page
// component per route (each its own chunk), plain <a href> links
// intercepted for same-origin navigation. The server answers every unknown
// non-API GET with index.html, so any of these paths can be reloaded.
import type { Component } from 'svelte';
import type { MessageKey } from './i18n.svelte';

type PageModule = { default: Component<any> };

export interface RouteDef {
  pattern: string; // "/editions/:id"
  load: () => Promise<PageModule>;
  title: MessageKey;
  public?: boolean; // no session needed
  bare?: boolean; // no session checks at all (the password change)
}

export const routes: RouteDef[] = [
  { pattern: '/signin', load: () => import('../pages/SignIn.svelte'), title: 'signin.title', public: true },
  { pattern: '/password', load: () => import('../pages/ChangePassword.svelte'), title: 'password.title', bare: true },
  { pattern: '/inbox', load: () => import('../pages/Inbox.svelte'), title: 'inbox.title' },
  { pattern: '/history', load: () => import('../pages/History.svelte'), title: 'history.title' },
  { pattern: '/editions/:id', load: () => import('../pages/EditionPage.svelte'), title: 'edition.text' },
  // The structured editor: its own chunk (ProseMirror), loaded only here.
  { pattern: '/editions/:id/edit', load: () => import('../pages/EditorPage.svelte'), title: 'edition.edit' },
  { pattern: '/queue', load: () => import('../pages/Queue.svelte'), title: 'queue.title' },
  { pattern: '/register', load: () => import('../pages/Register.svelte'), title: 'register.title' },
  { pattern: '/documents/new', load: () => import('../pages/NewDocument.svelte'), title: 'create.title' },
  { pattern: '/documents/:id', load: () => import('../pages/DocumentPage.svelte'), title: 'document.editions' },
  { pattern: '/documents/:id/editions/new', load: () => import('../pages/NewEdition.svelte'), title: 'import.title' },
  { pattern: '/documents/:id/distribution', load: () => import('../pages/Distribution.svelte'), title: 'dist.title' },
  { pattern: '/people', load: () => import('../pages/People.svelte'), title: 'people.title' },
  { pattern: '/editions/:a/compare/:b', load: () => import('../pages/Compare.svelte'), title: 'compare.title' },
  { pattern: '/editions/:id/send', load: () => import('../pages/SendForAgreement.svelte'), title: 'edition.send' },
  // dashboard, units (web14b)
  { pattern: '/dashboard', load: () => import('../pages/Dashboard.svelte'), title: 'dashboard.title' },
  { pattern: '/units', load: () => import('../pages/Units.svelte'), title: 'units.title' },
  // auditor: audit log, verify, package, history
  { pattern: '/audit', load: () => import('../pages/Audit.svelte'), title: 'audit.title' },
  { pattern: '/audit/package', load: () => import('../pages/AuditPackage.svelte'), title: 'package.title' },
  // (not /verify: the server answers /verify/... itself, the seal's QR code)
  { pattern: '/verify-pdf', load: () => import('../pages/VerifyPdf.svelte'), title: 'verify.title' },
  { pattern: '/editions/:id/history', load: () => import('../pages/EditionHistory.svelte'), title: 'edhistory.title' },
];

export interface Location {
  path: string;
  query: URLSearchParams;
  route: RouteDef | null; // null: not found
  params: Record<string, string>;
}

function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) {
      try {
        params[want[i].slice(1)] = decodeURIComponent(have[i]);
      } catch {
        return null;
      }
    } else if (want[i] !== have[i]) {
      return null;
    }
  }
  return params;
}

function resolve(): Location {
  const path = window.location.pathname;
  const query = new URLSearchParams(window.location.search);
  for (const route of routes) {
    const params = matchPath(route.pattern, path);
    if (params) return { path, query, route, params };
  }
  return { path, query, route: null, params: {} };
}

export const location = $state<{ current: Location; serial: number }>({ current: resolve(), serial: 0 });

function update(): void {
  location.current = resolve();
  location.serial++;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  update();
  if (!options.replace) window.scrollTo(0, 0);
}

// The path and query of the current page, for "come back here" links.
export function currentTarget(): string {
  return window.location.pathname + window.location.search;
}

export function startRouter(): void {
  window.addEventListener('popstate', update);
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const href = anchor.getAttribute('href');
    if (!href || href.startsWith('#')) return;
    const url = new URL(anchor.href, window.location.href);
    if (url.origin !== window.location.origin || url.pathname.startsWith('/api/')) return;
    event.preventDefault();
    navigate(url.pathname + url.search);
  });
}
