// The JavaScript and CSS a page of the built web application loads, gzipped:
// the entry named by index.html and everything it imports statically, plus
// the page's own chunk (a lazy route) and its static imports. Prints one
// line per page. Usage: node bundle-size.mjs WEB_ROOT [Page ...]
// (pages: Inbox, EditorPage, ...; default Inbox and EditorPage).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = process.argv[2];
const pages = process.argv.length > 3 ? process.argv.slice(3) : ['Inbox', 'EditorPage'];
const assets = join(root, 'assets');
const files = readdirSync(assets);
const html = readFileSync(join(root, 'index.html'), 'utf8');

function staticImports(file) {
  const text = readFileSync(join(assets, file), 'utf8');
  const found = new Set();
  // import{..}from"./x.js", import"./x.js" (not import("./x.js"): lazy)
  for (const match of text.matchAll(/(?:from|import)\s*"\.\/([^"]+)"/g)) found.add(match[1]);
  return [...found];
}

function closure(start) {
  const seen = new Set();
  const stack = [...start];
  while (stack.length) {
    const file = stack.pop();
    if (seen.has(file) || !files.includes(file)) continue;
    seen.add(file);
    if (file.endsWith('.js')) stack.push(...staticImports(file));
  }
  return seen;
}

function css(js) {
  // Vite loads a chunk's CSS with it: the file of the same base name.
  const out = new Set();
  for (const file of js) {
    const base = file.replace(/-[\w-]+\.js$/, '');
    for (const candidate of files) if (candidate.endsWith('.css') && candidate.startsWith(base + '-')) out.add(candidate);
  }
  return out;
}

const entry = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+)"/g)].map((m) => m[1]);
const base = closure(entry);
const size = (set) => {
  let raw = 0;
  let gz = 0;
  for (const file of set) {
    const bytes = readFileSync(join(assets, file));
    raw += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gz };
};
const kb = (n) => (n / 1024).toFixed(1);
// Issue 14's budget: the JavaScript the employee's inbox needs, gzipped.
const budgetsKb = { Inbox: 100 };
for (const page of pages) {
  const chunk = files.find((f) => f.startsWith(page + '-') && f.endsWith('.js'));
  if (!chunk) {
    console.log(`${page}: no chunk`);
    continue;
  }
  const own = closure([chunk]);
  const all = new Set([...base, ...own]);
  const js = new Set([...all].filter((f) => f.endsWith('.js')));
  const styles = new Set([...[...all].filter((f) => f.endsWith('.css')), ...css(js)]);
  const onlyPage = new Set([...own].filter((f) => !base.has(f)));
  const j = size(js);
  const c = size(styles);
  const p = size(onlyPage);
  console.log(
    `${page}: JS ${kb(j.raw)} KB (${kb(j.gz)} KB gzipped) in ${js.size} files, CSS ${kb(c.gz)} KB gzipped; ` +
      `the page's own chunks ${kb(p.raw)} KB (${kb(p.gz)} KB gzipped)` +
      (budgetsKb[page] ? ` — budget ${budgetsKb[page]} KB gzipped: ${j.gz / 1024 < budgetsKb[page] ? 'within' : 'OVER'}` : ''),
  );
}
