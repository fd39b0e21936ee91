// Bundles roundtrip.ts (and the editor's library it imports) with the
// esbuild that server/web's `npm ci` installed, then runs it. CTest runs
// this (test web_editor_library); see roundtrip.ts for what it checks.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const source = process.env.NUSQA_SOURCE_DIR;
const out = process.env.NUSQA_ROUNDTRIP_OUTPUT;
if (!source || !out || !process.env.NUSQA_BIN) {
  console.error('roundtrip: set NUSQA_BIN, NUSQA_SOURCE_DIR and NUSQA_ROUNDTRIP_OUTPUT');
  process.exit(2);
}
const web = join(source, 'server/web');
const esbuild = await import(pathToFileURL(join(web, 'node_modules/esbuild/lib/main.js')).href);
const bundle = join(out, 'roundtrip.bundle.mjs');
await esbuild.build({
  entryPoints: [join(source, 'tests/web/roundtrip/roundtrip.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node18',
  outfile: bundle,
  nodePaths: [join(web, 'node_modules')],
  logLevel: 'warning',
});
await import(pathToFileURL(bundle).href);
