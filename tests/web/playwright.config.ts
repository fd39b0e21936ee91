// Browser tests in Debian's Chromium (no browser download) against a real
// `nusqa serve` started by support/global-setup.ts. Run by tests/web/run.sh
// (CTest label "web").
import { defineConfig } from '@playwright/test';

const output = process.env.NUSQA_WEB_TEST_OUTPUT ?? '/tmp/nusqa-web-tests';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: `${output}/results`,
  globalSetup: './support/global-setup.ts',
  workers: 2,
  fullyParallel: true,
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 7_000 },
  reporter: [['list']],
  forbidOnly: true,
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: process.env.NUSQA_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
