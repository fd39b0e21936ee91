// How `nusqa serve` serves the built pages: caching, the fallback to the
// application, the CSP, and the API still behind its gate.
import { expect, state, test } from './support/fixtures';

test('the pages are public and cached right; the API stays behind the gate', async ({ request }) => {
  const base = state().baseURL;
  const index = await request.get(`${base}/`);
  expect(index.status()).toBe(200);
  expect(index.headers()['content-type']).toBe('text/html; charset=utf-8');
  expect(index.headers()['cache-control']).toBe('no-cache');
  expect(index.headers()['content-security-policy']).toBe(
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
      "frame-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'",
  );
  expect(index.headers()['x-content-type-options']).toBe('nosniff');
  const html = await index.text();
  // No inline script or style: every script and stylesheet is a file.
  expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
  expect(html).not.toMatch(/<style/);
  expect(html).not.toMatch(/\sstyle=/);

  const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
  const asset = await request.get(`${base}${script}`);
  expect(asset.status()).toBe(200);
  expect(asset.headers()['content-type']).toBe('text/javascript; charset=utf-8');
  expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  const css = /href="(\/assets\/[^"]+\.css)"/.exec(html)![1];
  expect((await request.get(`${base}${css}`)).headers()['content-type']).toBe('text/css; charset=utf-8');

  for (const path of ['/inbox', '/documents/1', '/editions/5', '/some/unknown/page']) {
    const reply = await request.get(`${base}${path}`);
    expect(reply.status(), path).toBe(200);
    expect(await reply.text(), path).toBe(html);
  }
  const missing = await request.get(`${base}/assets/gone-00000000.js`);
  expect(missing.status()).toBe(404);
  const api404 = await request.get(`${base}/api/v1/no-such-thing`);
  expect(api404.status()).toBe(404);
  expect((await api404.json()).error.code).toBe('not_found');
  expect((await request.get(`${base}/api/v1/me`)).status()).toBe(401);
  expect((await request.get(`${base}/healthz`)).status()).toBe(200);
  // (The URL parser folds dot segments before sending; tests/http sends
  // raw and encoded traversals.)
  expect(await (await request.get(`${base}/%2e%2e/%2e%2e/etc/passwd`)).text()).not.toContain('root:');
});
