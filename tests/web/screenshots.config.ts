// The screenshots of every page (scripts/screenshots.sh): the browser
// tests' setup (a real `nusqa serve`, the seeded data), one worker, only
// screenshots.shoot.ts — not part of CTest.
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

export default defineConfig({
  ...base,
  testMatch: 'screenshots.shoot.ts',
  workers: 1,
  fullyParallel: false,
  timeout: 600_000,
});
