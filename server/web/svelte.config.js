// Read by vite-plugin-svelte and svelte-check. CSS is always external (the
// server's CSP has no 'unsafe-inline' for styles).
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

export default {
  preprocess: vitePreprocess({ script: false }),
  compilerOptions: { css: 'external' },
};
