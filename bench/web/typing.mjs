// Typing latency in the structured editor at the end of corpus 002 (23
// pages, 9 tables): a real `nusqa serve` on a fresh data folder, the .docx
// imported through POST /api/v1/import and registered as a draft, the editor
// page opened in Debian's Chromium, the caret put at the end of the document
// with Ctrl+End, then KEYS characters typed one by one, PAUSE_MS apart.
//
// Each keystroke is timed inside the page: from the time stamp of its
// keydown (or of its beforeinput, for letters Playwright inserts as text) to the end of the first frame after it (a message posted from that
// frame's requestAnimationFrame runs after its style, layout and paint).
// Chromium runs with the frame-rate limit off, so the frame starts as soon
// as the work is done rather than at the next 60 Hz tick: the figure is the
// work a keystroke costs (ProseMirror's transaction, the page's reaction,
// the browser's rendering), not the wait for the display. "script" is the
// part up to the end of the input task (a message posted at keydown).
//
// Environment: NUSQA_BIN, NUSQA_WEB_ROOT, NUSQA_SOURCE_DIR (run.sh sets
// them), NUSQA_CHROMIUM (default /usr/bin/chromium). Arguments: KEYS
// (default 200), PAUSE_MS (default 60).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const source = process.env.NUSQA_SOURCE_DIR;
const bin = process.env.NUSQA_BIN;
const webRoot = process.env.NUSQA_WEB_ROOT;
if (!source || !bin || !webRoot) {
  console.error('typing: set NUSQA_BIN, NUSQA_WEB_ROOT and NUSQA_SOURCE_DIR (bench/web/run.sh does)');
  process.exit(2);
}
const keys = Number(process.argv[2] ?? 200);
const pause = Number(process.argv[3] ?? 60);
const require = createRequire(join(source, 'tests/web/package.json'));
const { chromium } = require('@playwright/test');

const dataDir = mkdtempSync(join(tmpdir(), 'nusqa-bench-web-'));
const environment = {
  ...process.env,
  NUSQA_HTTP_ADDRESS: '127.0.0.1',
  NUSQA_HTTP_PORT: '0',
  NUSQA_DATA_DIR: dataDir,
  NUSQA_HTTP_WEB_ROOT: webRoot,
  NUSQA_RENDER_PROFILE_DIRECTORY: join(source, 'doc-templates'),
  NUSQA_LOG_LEVEL: 'warning',
  NUSQA_LOG_FILE: '',
};

// The bench account (its password random, only in this process).
const password = randomBytes(16).toString('hex');
const created = spawnSync(
  bin,
  ['admin', 'create-user', '--login', 'bench', '--email', 'bench@localhost', '--roles', 'quality_office', '--password-stdin'],
  { env: environment, input: `${password}\n`, encoding: 'utf8' },
);
if (created.status !== 0) throw new Error(`create-user: ${created.stdout}${created.stderr}`);

const server = spawn(bin, ['serve'], { env: { ...environment, NUSQA_LOG_LEVEL: 'information' }, stdio: ['ignore', 'pipe', 'pipe'] });
let log = '';
const port = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`nusqa serve did not start:\n${log}`)), 20_000);
  const read = (chunk) => {
    log += chunk.toString('utf8');
    const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(log);
    if (match) {
      clearTimeout(timer);
      resolve(Number(match[1]));
    }
  };
  server.stdout.on('data', read);
  server.stderr.on('data', read);
  server.on('exit', (code) => reject(new Error(`nusqa serve exited with ${code}:\n${log}`)));
});
const baseURL = `http://127.0.0.1:${port}`;

const browser = await chromium.launch({
  executablePath: process.env.NUSQA_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-frame-rate-limit', '--disable-gpu-vsync'],
});
try {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } });
  const request = context.request;
  const ok = async (response, what) => {
    if (!response.ok()) throw new Error(`${what}: ${response.status()} ${await response.text()}`);
    return response.json();
  };
  await ok(await request.post('/api/v1/auth/login', { data: { login: 'bench', password } }), 'login');

  const file = '002_079be217a8ed26c8.docx';
  const imported = await ok(
    await request.post(`/api/v1/import?name=${file}`, {
      headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
      data: readFileSync(join(source, 'tests/fixtures/import', file)),
    }),
    'import',
  );
  const xml = imported.xml.replace(/<code>[^<]*<\/code>/, '<code>BENCH-002</code>');
  const pick = (name) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1] ?? '';
  const document = await ok(
    await request.post('/api/v1/documents', {
      data: { code: 'BENCH-002', kind: pick('kind'), title: pick('title').trim() || 'BENCH-002', unit: '', language: pick('language') },
    }),
    'document',
  );
  const edition = await ok(
    await request.post(`/api/v1/documents/${document.id}/editions`, { headers: { 'Content-Type': 'application/xml' }, data: xml }),
    'edition',
  );

  const page = await context.newPage();
  await page.goto(`/editions/${edition.id}/edit`);
  const editor = page.locator('.pm-document');
  await editor.waitFor({ state: 'visible', timeout: 30_000 });
  const size = await page.evaluate(() => ({
    tables: document.querySelectorAll('.pm-document table').length,
    elements: document.querySelectorAll('.pm-document *').length,
    height: document.querySelector('.pm-document').scrollHeight,
  }));

  await editor.focus();
  await page.keyboard.press('Control+End');
  await page.waitForTimeout(200);
  await page.evaluate(() => {
    const samples = [];
    window.__typingSamples = samples;
    // A keystroke starts at its keydown; text Playwright inserts without a
    // key of the US layout (Cyrillic) comes as beforeinput alone.
    let open = false;
    const start = (event) => {
      if (open) return;
      open = true;
      const begin = event.timeStamp;
      const sample = { queued: performance.now() - begin, script: 0, frame: 0 };
      samples.push(sample);
      const afterTask = new MessageChannel();
      afterTask.port1.onmessage = () => {
        sample.script = performance.now() - begin;
        open = false;
      };
      afterTask.port2.postMessage(0);
      requestAnimationFrame(() => {
        const afterFrame = new MessageChannel();
        afterFrame.port1.onmessage = () => (sample.frame = performance.now() - begin);
        afterFrame.port2.postMessage(0);
      });
    };
    document.addEventListener('keydown', start, true);
    document.addEventListener('beforeinput', start, true);
  });
  // Kazakh and Russian letters, spaces and punctuation: a sentence typed.
  const text = 'Бөлім өз жұмысын бекітілген жоспар бойынша атқарады, есепті жыл сайын ұсынады. ';
  for (let i = 0; i < keys; i++) {
    await page.keyboard.type(text[i % text.length]);
    await page.waitForTimeout(pause);
  }
  await page.waitForTimeout(300);
  const samples = await page.evaluate(() => window.__typingSamples);
  const typed = await page.evaluate(
    (expected) => document.querySelector('.pm-document').textContent.includes(expected),
    text.slice(0, Math.min(keys, 30)),
  );
  if (!typed) throw new Error('the typed text is not in the editor');

  // The first keystrokes warm the JIT up: the first 10 are left out.
  const measured = samples.slice(10);
  const stats = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    return `mean ${mean.toFixed(2)} ms, p50 ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, max ${sorted[sorted.length - 1].toFixed(2)} ms`;
  };
  console.log(`document: corpus 002 from .docx, ${size.tables} tables, ${size.elements} elements in the editor, ${size.height} px high`);
  console.log(`keystrokes: ${measured.length} measured (of ${samples.length}), ${pause} ms apart, at the end of the document`);
  console.log(`RESULT keydown to end of frame: ${stats(measured.map((s) => s.frame))}`);
  console.log(`RESULT keydown to end of input task: ${stats(measured.map((s) => s.script))}`);
  console.log(`(of which the wait from the event's time stamp to its first handler: ${stats(measured.map((s) => s.queued))})`);
  await context.close();
} finally {
  await browser.close();
  server.kill('SIGTERM');
  await new Promise((resolve) => (server.exitCode !== null ? resolve() : server.once('exit', resolve)));
  rmSync(dataDir, { recursive: true, force: true });
}
