// The editor's library, in Node (no browser): the round trip XML -> editor
// document -> XML for every XML fixture and every corpus document imported
// from .txt and .docx, compared byte for byte after `nusqa canonical`; the
// editor's output is itself canonical; the ProseMirror schema covers every
// element and attribute of schemas/document.xsd; editing commands keep
// numbers and eIds as the brief says (structure.test.ts).
//
// Run by run.mjs (which bundles it with esbuild); environment: NUSQA_BIN,
// NUSQA_SOURCE_DIR, NUSQA_ROUNDTRIP_OUTPUT (a scratch folder).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readEdition, writeEdition } from '../../../server/web/src/editor/convert';
import { checkSchemaAgainstXsd } from './xsdSync';
import { structureTests } from './structure.test';

const bin = process.env.NUSQA_BIN!;
const source = process.env.NUSQA_SOURCE_DIR!;
const out = process.env.NUSQA_ROUNDTRIP_OUTPUT!;
mkdirSync(out, { recursive: true });

let passed = 0;
let failed = 0;

export function check(name: string, ok: boolean, detail = ''): void {
  if (ok) {
    passed++;
    console.log(`ok - ${name}`);
  } else {
    failed++;
    console.log(`not ok - ${name}${detail ? `\n  ${detail.replace(/\n/g, '\n  ')}` : ''}`);
  }
}

function canonical(file: string): string {
  return execFileSync(bin, ['canonical', file], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

function firstDifference(a: string, b: string): string {
  const al = a.split('\n');
  const bl = b.split('\n');
  for (let i = 0; i < Math.max(al.length, bl.length); i++)
    if (al[i] !== bl[i]) return `line ${i + 1}:\n  expected: ${al[i] ?? '(end)'}\n  got:      ${bl[i] ?? '(end)'}`;
  return '';
}

function roundTrip(name: string, file: string): void {
  const xml = readFileSync(file, 'utf8');
  let written: string;
  try {
    const { doc, shell } = readEdition(xml);
    written = writeEdition(doc, shell).xml;
  } catch (error) {
    check(`round trip ${name}`, false, String(error));
    return;
  }
  const output = join(out, basename(name).replace(/[^\w.-]/g, '_') + '.editor.xml');
  writeFileSync(output, written);
  const expected = canonical(file);
  const got = canonical(output);
  check(`round trip ${name} (${expected.length} characters)`, expected === got, firstDifference(expected, got));
  check(`editor output is canonical: ${name}`, got === written, firstDifference(got, written));
}

// Fixtures.
const fixtures = join(source, 'tests/fixtures');
for (const folder of [fixtures, join(fixtures, 'render')])
  for (const name of readdirSync(folder).sort())
    if (name.endsWith('.xml')) roundTrip(join(basename(folder), name), join(folder, name));

// The corpus, imported from .txt and from .docx.
const imports: [string, string][] = [];
for (const name of readdirSync(join(fixtures, 'corpus')).sort())
  if (name.endsWith('.txt')) imports.push([`corpus/${name}`, join(fixtures, 'corpus', name)]);
for (const name of readdirSync(join(fixtures, 'import')).sort())
  if (name.endsWith('.docx')) imports.push([`import/${name}`, join(fixtures, 'import', name)]);
for (const [name, file] of imports) {
  const xml = join(out, basename(file) + '.imported.xml');
  execFileSync(bin, ['import', file, '-o', xml], { stdio: ['ignore', 'ignore', 'pipe'] });
  roundTrip(`${name} (imported)`, xml);
}

// The schema against the XSD.
for (const [name, ok, detail] of checkSchemaAgainstXsd(readFileSync(join(source, 'schemas/document.xsd'), 'utf8')))
  check(name, ok, detail);

// Editing commands on real documents.
for (const [name, ok, detail] of structureTests(fixtures, out)) check(name, ok, detail);

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
