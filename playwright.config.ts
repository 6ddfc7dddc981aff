import { defineConfig } from '@playwright/test';
import { BASE_ARGS, chromiumPath, SOFTWARE_WEBGL_ARGS } from './e2e/browser';

// E2E_PORT lets several checkouts run their browser tests side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);
// E2E_DIST lets them test separate builds (`vite build --outDir dist-x`).
const DIST = process.env.E2E_DIST ?? 'dist';

// Specs that time recovery or measure the heap run alone, after the rest (`npm run test:e2e` runs
// the `parallel` project with two workers, then `alone` with one).
const ALONE = /reliability\.spec\.ts$/;

// The tests run against the production build (`vite build` runs first in `npm run test:e2e`).
export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    // A service worker would precache the whole build in every test's fresh context; e2e/offline.spec.ts allows it.
    serviceWorkers: 'block',
    launchOptions: { executablePath: chromiumPath(), args: [...BASE_ARGS, ...SOFTWARE_WEBGL_ARGS] },
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  },
  projects: [
    { name: 'parallel', testIgnore: ALONE },
    { name: 'alone', testMatch: ALONE },
  ],
  webServer: {
    // A larger header limit than Node's 16 KB, so the hostile-link tests can send 100,000-character URLs.
    command: `node --max-http-header-size=400000 node_modules/vite/bin/vite.js preview --host 127.0.0.1 --port ${PORT} --strictPort --outDir ${DIST}`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
