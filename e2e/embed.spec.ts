import { mkdtemp, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { referenceSoft } from '../tests/reference';
import { expect, test } from './fixtures';
import { serveFolder } from './staticServer';

/** A figure embedded in a page on another origin (a course page, a slide) follows its link. */
const APP = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 4173)}/`;
const HOST_PORT = Number(process.env.E2E_PORT ?? 4173) + 30;
let host: Server;

test.beforeAll(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'qp-host-'));
  await writeFile(
    path.join(dir, 'index.html'),
    `<!doctype html><title>Lecture 7</title><link rel="icon" href="data:,"><h1>Lecture 7: quantization</h1>
<iframe id="cold" src="${APP}?embed=table&temperature=1" width="800" height="420"></iframe>
<iframe id="hot" src="${APP}?embed=table&temperature=0.05&controls=temperature,centers" width="800" height="520"></iframe>
<iframe id="curves" src="${APP}?embed=curves&centers=4" width="720" height="480"></iframe>
<iframe id="lab" src="${APP}?embed=image&image=chelsea&transform=dct&lang=zh" width="900" height="700"></iframe>`,
  );
  host = await serveFolder(dir, '/', HOST_PORT);
});
test.afterAll(() => host.close());

test('embedded figures on another origin follow their links, with their own controls', async ({ page }) => {
  await page.goto(`http://127.0.0.1:${HOST_PORT}/`);
  const cold = page.frameLocator('#cold');
  const hot = page.frameLocator('#hot');
  // only the figure: no sidebar, no teaching sections
  await expect(cold.getByTestId('probe-table')).toBeVisible({ timeout: 30_000 });
  await expect(cold.locator('.sidebar')).toHaveCount(0);
  await expect(cold.getByRole('slider')).toHaveCount(0);
  await expect(hot.getByTestId('probe-table')).toBeVisible({ timeout: 30_000 });

  // each frame computes its own link's view: w_soft of the first probe (w = -1) at T = 1 and 0.05
  const firstSoft = async (frame: typeof cold) =>
    Number(await frame.locator('[data-probe="0"] td:nth-of-type(3)').innerText());
  const centers = [-2, -1, 0, 1, 2];
  await expect.poll(() => firstSoft(cold)).toBeCloseTo(referenceSoft(-1, centers, 1, 'l1'), 5);
  await expect.poll(() => firstSoft(hot)).toBeCloseTo(referenceSoft(-1, centers, 0.05, 'l1'), 5);

  // the compact control row drives the embedded figure
  const temperature = hot.getByRole('slider', { name: 'Temperature' });
  await expect(temperature).toHaveAttribute('aria-valuetext', 'T = 0.05');
  await expect(hot.getByRole('slider', { name: 'Centers' })).toBeVisible();
  await temperature.focus();
  for (let k = 0; k < 20; k++) await temperature.press('ArrowRight');
  await expect(temperature).toHaveAttribute('aria-valuetext', /^T = 0\.50\d*$/);
  const moved = Number((await temperature.getAttribute('aria-valuetext'))?.slice(4));
  await expect.poll(() => firstSoft(hot)).toBeCloseTo(referenceSoft(-1, centers, moved, 'l1'), 5);

  // the link back opens the whole page in the same view, without the embed
  const back = hot.getByRole('link', { name: /Open in Quantization Playground/ });
  await expect(back).toHaveAttribute('href', `/?v=1&temperature=${moved}`);

  // below the fold of the host page: Chromium does not lay out a cross-origin frame it does not show
  await page.locator('#curves').scrollIntoViewIfNeeded();
  const curves = page.frameLocator('#curves');
  await expect(curves.locator('[data-embed="curves"] canvas').first()).toBeVisible({ timeout: 30_000 });

  // the image lab embeds too, in its link's image, transform and language
  await page.locator('#lab').scrollIntoViewIfNeeded();
  const lab = page.frameLocator('#lab');
  await expect(lab.getByTestId('lab-bpp')).toBeVisible({ timeout: 60_000 });
  await expect(lab.locator('.sidebar')).toHaveCount(0);
  await expect(lab.locator('html')).toHaveAttribute('lang', 'zh-CN');
});

test('"Embed" gives an iframe snippet of the current view of that figure', async ({ page }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/?temperature=0.2&centers=4');
  await expect(page.getByTestId('probe-table')).toBeVisible();
  await page.getByRole('button', { name: 'Embed the heatmap figure: copy an iframe snippet' }).click();
  const snippet = await page.evaluate(() => navigator.clipboard.readText());
  expect(snippet).toMatch(
    /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?v=1&amp;temperature=0.2|^<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?v=1&temperature=0.2/,
  );
  const src = /src="([^"]+)"/.exec(snippet)?.[1]?.replace(/&quot;/g, '"') as string;
  expect(src).toContain('centers=4');
  expect(src).toContain('embed=heatmap');
  await page.goto(src);
  await expect(page.locator('[data-embed="heatmap"]')).toBeVisible();
  await expect(page.locator('.sidebar')).toHaveCount(0);
});
