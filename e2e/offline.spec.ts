import type { Server } from 'node:http';
import { SEED } from '../tests/seed';
import { expect, exportData, test } from './fixtures';
import { serveFolder } from './staticServer';

/** After one visit the app works with no network, under a sub-path, for any link. */
test.use({ serviceWorkers: 'allow' });

const PORT = Number(process.env.E2E_PORT ?? 4173) + 20;
let server: Server;
test.beforeAll(async () => {
  server = await serveFolder(process.env.E2E_DIST ?? 'dist', '/lecture/qp/', PORT);
});
test.afterAll(() => server.close());

test('after the first visit the app opens offline, with other links too', async ({ page, context }) => {
  test.setTimeout(120_000);
  const base = `http://127.0.0.1:${PORT}/lecture/qp/`;
  await page.goto(base);
  await expect(page.getByTestId('probe-table')).toBeVisible();
  // the service worker is installed (precache complete) and controls the page. (Not
  // page.waitForFunction: it takes the async predicate's promise as a truthy answer, and the
  // cache below fills while the worker is still installing.)
  const workerState = () =>
    page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return [registration?.active?.state ?? 'none', navigator.serviceWorker.controller !== null];
    });
  await expect.poll(workerState, { timeout: 60_000, intervals: [500] }).toEqual(['activated', true]);
  const cachedUrls = () =>
    page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
      }
      return urls;
    });
  // the precache holds the wasm binaries, the images and KaTeX's fonts
  // (the cache fills while the worker installs: wait for all of them)
  await expect
    .poll(
      async () => {
        const cached = await cachedUrls();
        return [
          cached.filter((url) => url.endsWith('.wasm')).length,
          cached.some((url) => url.includes('/images/astronaut.png')),
          cached.some((url) => url.includes('/assets/KaTeX_')),
        ];
      },
      { timeout: 60_000 },
    )
    .toEqual([3, true, true]);

  // a second visit, online, is served by the worker from its cache; then the network goes
  await page.reload();
  await expect(page.getByTestId('probe-table')).toBeVisible();
  expect(await workerState()).toEqual(['activated', true]);
  await context.setOffline(true);
  for (const query of ['?backend=wasm', '?v=1&temperature=0.2&centers=4&backend=wasm']) {
    await page.goto(`${base}${query}`);
    await expect(page.getByTestId('backend-name')).toHaveText('wasm');
    const data = await exportData(page);
    if (query === '?backend=wasm') {
      data.probes.forEach((probe, k) => expect(Math.abs(probe.soft - (SEED.soft[k] as number))).toBeLessThan(1e-5));
    } else {
      expect(data.params).toMatchObject({ temperature: 0.2, centers: 4 });
    }
  }
  // the formulas' lazy chunk and fonts come from the cache too
  await expect(page.locator('.katex').first()).toBeVisible({ timeout: 30_000 });
  await context.setOffline(false);
});
