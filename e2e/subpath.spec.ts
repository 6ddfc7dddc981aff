import type { Server } from 'node:http';
import { SEED } from '../tests/seed';
import { expect, exportData, test } from './fixtures';
import { serveFolder } from './staticServer';

/**
 * dist/ copied under any folder of a static host works with no rebuild: the page, its chunks,
 * the wasm binaries, KaTeX's fonts and the links it writes all resolve from the page's folder.
 */
const PORT = Number(process.env.E2E_PORT ?? 4173) + 10;
const FOLDERS = ['/qp/', '/a/deeply/nested/course/folder/'];
const servers: Server[] = [];

test.beforeAll(async () => {
  for (const [i, folder] of FOLDERS.entries())
    servers.push(await serveFolder(process.env.E2E_DIST ?? 'dist', folder, PORT + i));
});
test.afterAll(() => servers.forEach((server) => server.close()));

for (const [i, folder] of FOLDERS.entries()) {
  for (const backend of ['wasm', 'webgl'] as const) {
    test(`served at ${folder}, ${backend} starts and reproduces the seed`, async ({ page }) => {
      const failed: string[] = [];
      page.on('response', (response) => {
        if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
      });
      const base = `http://127.0.0.1:${PORT + i}${folder}`;
      await page.goto(`${base}?backend=${backend}`);
      await expect(page.getByTestId('backend-name')).toHaveText(backend);
      const data = await exportData(page);
      data.probes.forEach((probe, k) => {
        expect(Math.abs(probe.soft - (SEED.soft[k] as number))).toBeLessThan(1e-5);
      });
      // a lazy chunk with KaTeX and its fonts: the teaching sections typeset their formulas
      await expect(page.locator('.katex').first()).toBeVisible({ timeout: 30_000 });
      await page.evaluate(() => document.fonts.ready);
      // a change writes a link inside the folder, and the link opens the same view
      const centers = page.getByRole('slider', { name: 'Centers' });
      await centers.focus();
      await centers.press('ArrowLeft');
      await expect(page).toHaveURL(new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\?v=1&centers=4`));
      await page.reload();
      await expect(page.getByRole('slider', { name: 'Centers' })).toHaveAttribute('aria-valuetext', 'L = 4');
      expect(failed).toEqual([]);
    });
  }
}
