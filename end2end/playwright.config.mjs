// Browser tests against the release build (the only way to catch a bad wasm-opt, STACK.md),
// served on a throwaway SQLite database. Chromium is Debian's; Playwright never downloads one.
import { defineConfig } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const port = process.env.PREWORK_E2E_PORT ?? '3100';
// The server delivers mail into this Maildir; the tests (worker processes inherit this
// environment) read what it sent.
process.env.PREWORK_E2E_MAILDIR ??= join(tmpdir(), `prework-e2e-mail-${process.pid}`);

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  // Every test on a laptop; the journeys people also take on a phone (390×844, touch) once
  // more there. `journey.spec.mjs` names both devices itself.
  projects: [
    { name: 'laptop', use: { viewport: { width: 1280, height: 800 } } },
    {
      name: 'phone',
      testMatch: /(brief|prereads|verdict|teams|series|after)\.spec\.mjs$/,
      use: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true },
    },
  ],
  webServer: {
    command: './serve.sh',
    url: `http://127.0.0.1:${port}/healthz`,
    env: { PREWORK_E2E_PORT: port, PREWORK_E2E_MAILDIR: process.env.PREWORK_E2E_MAILDIR },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
