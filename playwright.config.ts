import { defineConfig } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BASE_ARGS, chromiumPath, SOFTWARE_WEBGL_ARGS } from './e2e/browser';

// E2E_PORT lets several checkouts run their browser tests side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);
// E2E_DIST lets them test separate builds (`vite build --mode e2e --outDir dist-x`).
const DIST = process.env.E2E_DIST ?? 'dist';

// The tests read the page through `window.quantizationPlayground` (src/testHook.ts), which only
// the e2e build has: a production build would fail every test, so say why at once.
const assets = path.join(DIST, 'assets');
const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
if (!scripts.some((name) => readFileSync(path.join(assets, name), 'utf8').includes('quantizationPlayground'))) {
  throw new Error(`${DIST} has no test hook: build it with \`npx vite build --mode e2e --outDir ${DIST}\``);
}

// The tests run against the production build plus the test hook (`vite build --mode e2e` runs
// first in `npm run test:e2e`).
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
  webServer: {
    // A larger header limit than Node's 16 KB, so the hostile-link tests can send 100,000-character URLs.
    command: `node --max-http-header-size=400000 node_modules/vite/bin/vite.js preview --host 127.0.0.1 --port ${PORT} --strictPort --outDir ${DIST}`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
