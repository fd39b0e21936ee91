// Vite builds the pages into NUSQA_WEB_OUT_DIR (CMake: <build>/web), else
// dist/. The output must run under the server's Content-Security-Policy
// (script-src 'self'; style-src 'self'): no inline script or style, so the
// components' CSS is emitted as .css files and no module-preload polyfill is
// injected. Every page is its own chunk, loaded when it is first opened.
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  plugins: [svelte({ emitCss: true })],
  build: {
    outDir: process.env.NUSQA_WEB_OUT_DIR || 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    cssCodeSplit: true,
    sourcemap: false,
    // The editor's chunk (ProseMirror, pages/EditorPage) is about 310 kB.
    chunkSizeWarningLimit: 400,
  },
});
