import type { Page } from '@playwright/test';
import { referenceAssignments, referenceSoft } from '../tests/reference';
import { canvasPixels, drawnMarks, expect, exportData, openApp, paintedPaths, test } from './fixtures';

/** Heatmap pixels: a fingerprint, and the share of pixels at either end of viridis (p near 0 or 1). */
async function heatmapPixels(page: Page) {
  return page.getByTestId('heatmap-canvas').evaluate((canvas: HTMLCanvasElement) => {
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const near = (i: number, r: number, g: number, b: number) =>
      Math.abs((data[i] ?? 0) - r) + Math.abs((data[i + 1] ?? 0) - g) + Math.abs((data[i + 2] ?? 0) - b) < 40;
    let extreme = 0;
    let hash = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (near(i, 68, 1, 84) || near(i, 253, 231, 37)) extreme++;
      hash = (hash * 31 + (data[i] ?? 0) + 7 * (data[i + 1] ?? 0)) % 1_000_000_007;
    }
    return { extremeShare: extreme / (data.length / 4), hash, width: canvas.width, height: canvas.height };
  });
}

/** w_soft's path as the curves canvas painted it, and the canvas's pixel fingerprint. */
const softPath = async (page: Page) => (await paintedPaths(page, 'curves-canvas'))['value:soft'];
const curvesHash = async (page: Page) => (await canvasPixels(page, 'curves-canvas')).hash;

async function setTemperature(page: Page, value: string) {
  const field = page.getByLabel('Temperature value');
  await field.fill(value);
  await field.press('Enter');
  await expect(page.getByRole('slider', { name: 'Temperature' })).toHaveAttribute('aria-valuetext', `T = ${value}`);
}

test('all four figures are on the page, and each is saved as a screenshot', async ({ page }) => {
  await openApp(page);
  for (const figure of ['heatmap', 'curves', 'arrows', 'table']) {
    const locator = page.locator(`[data-figure="${figure}"]`);
    await expect(locator).toBeVisible();
    await locator.screenshot({ path: test.info().outputPath(`figure-${figure}.png`) });
  }
  const pixels = await heatmapPixels(page);
  expect(pixels).toMatchObject({ width: 512, height: 5 });
});

test('the temperature slider by keyboard changes the heatmap pixels and the curve paths', async ({ page }) => {
  await openApp(page);
  const before = { pixels: await heatmapPixels(page), path: await softPath(page), curves: await curvesHash(page) };
  expect(before.path).toMatch(/^M/);
  const slider = page.getByRole('slider', { name: 'Temperature' });
  await slider.focus();
  for (let k = 0; k < 8; k++) await slider.press('ArrowLeft');
  await expect(slider).toHaveAttribute('aria-valuetext', 'T = 0.3981');
  await expect.poll(() => softPath(page)).not.toBe(before.path);
  await expect.poll(() => curvesHash(page)).not.toBe(before.curves);
  await expect.poll(async () => (await heatmapPixels(page)).hash).not.toBe(before.pixels.hash);
  // colder: more pixels at the ends of the colour scale
  expect((await heatmapPixels(page)).extremeShare).toBeGreaterThan(before.pixels.extremeShare);
});

test('the temperature slider by mouse changes the heatmap pixels and the curve paths', async ({ page }) => {
  await openApp(page);
  const before = { pixels: await heatmapPixels(page), path: await softPath(page), curves: await curvesHash(page) };
  const slider = page.getByRole('slider', { name: 'Temperature' });
  const box = await slider.boundingBox();
  if (!box) throw new Error('slider has no box');
  const middle = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width / 2, middle); // T = 1 sits in the middle of the log scale
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.8, middle, { steps: 8 });
  await page.mouse.up();
  const text = await slider.getAttribute('aria-valuetext');
  expect(Number(text?.replace('T = ', ''))).toBeGreaterThan(10);
  await expect.poll(() => softPath(page)).not.toBe(before.path);
  await expect.poll(() => curvesHash(page)).not.toBe(before.curves);
  await expect.poll(async () => (await heatmapPixels(page)).hash).not.toBe(before.pixels.hash);
});

test('from T = 0.01 to T = 100 the soft curve goes from the staircase to the flat mean, the heatmap from one-hot to a wash', async ({
  page,
}) => {
  await openApp(page);
  await setTemperature(page, '0.01');
  await expect.poll(async () => (await heatmapPixels(page)).extremeShare).toBeGreaterThan(0.95);
  const cold = await exportData(page);
  for (const probe of cold.probes) {
    // ties (w = -0.5, 0.5) stay exactly between two centers at any temperature
    if (Math.abs(probe.w % 1) !== 0.5) expect(Math.abs(probe.soft - probe.hard)).toBeLessThan(1e-3);
  }
  await page.locator('[data-figure="heatmap"]').screenshot({ path: test.info().outputPath('heatmap-T0.01.png') });
  await page.locator('[data-figure="curves"]').screenshot({ path: test.info().outputPath('curves-T0.01.png') });

  await setTemperature(page, '100');
  await expect.poll(async () => (await heatmapPixels(page)).extremeShare).toBeLessThan(0.01);
  const hot = await exportData(page);
  for (const probe of hot.probes) {
    expect(Math.abs(probe.soft)).toBeLessThan(0.05); // the mean of -2..2
    probe.assignments.forEach((p) => expect(Math.abs(p - 0.2)).toBeLessThan(0.01));
  }
  await page.locator('[data-figure="heatmap"]').screenshot({ path: test.info().outputPath('heatmap-T100.png') });
  await page.locator('[data-figure="curves"]').screenshot({ path: test.info().outputPath('curves-T100.png') });
});

test('dragging a probe on the curve plot moves its table row, with correct numbers', async ({ page }) => {
  await openApp(page);
  const handle = page.locator('[data-probe-handle="0"] .probe-handle');
  // the orientation sits above the figures: bring the plot into view before pointing at it
  await handle.scrollIntoViewIfNeeded();
  const box = await handle.boundingBox();
  if (!box) throw new Error('probe handle has no box');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 6 });
  await page.mouse.up();
  const firstCell = page.locator('[data-probe="0"] th');
  await expect(firstCell).not.toHaveText('-1');
  const w = Number(await firstCell.innerText());
  expect(w).toBeGreaterThan(-1);
  expect(w).toBeLessThan(0);
  const data = await exportData(page);
  expect(data.probes[0]?.w).toBe(w);
  expect(data.probes[0]?.soft).toBeCloseTo(referenceSoft(w, [-2, -1, 0, 1, 2], 1, 'l1'), 5);
  await expect(handle).toHaveAttribute('aria-valuetext', `w = ${w}`);
});

test('probes work by keyboard: move with arrows, remove with Delete, add with the button', async ({ page }) => {
  await openApp(page);
  const handle = page.locator('[data-probe-handle="5"] .probe-handle');
  await handle.focus();
  await handle.press('ArrowRight'); // 1/100 of the range: 0.06
  await expect(page.locator('[data-probe="5"] th')).toHaveText('1.56');
  await handle.press('Delete');
  await expect(page.locator('[data-probe]')).toHaveCount(5);
  await page.getByRole('button', { name: 'Add probe' }).click();
  await expect(page.locator('[data-probe]')).toHaveCount(6);
  await page.getByRole('button', { name: 'Remove probe 1' }).click();
  await expect(page.locator('[data-probe]')).toHaveCount(5);
});

test('arrows: the STE moves every probe, hard and the seed round give visible "no gradient" marks', async ({
  page,
}) => {
  await openApp(page);
  // the marks the arrows canvas painted, by kind and lane: `arrow:ste:0`, `no-gradient:hard:3`, ...
  const marks = async (kind: string, lane: string) =>
    (await drawnMarks(page, 'arrows-canvas')).filter((id) => new RegExp(`^${kind}:${lane}:\\d+$`).test(id)).length;
  await expect.poll(() => marks('arrow', 'ste')).toBe(6);
  expect(await marks('arrow', 'soft')).toBe(6);
  expect(await marks('arrow', 'identity')).toBe(6);
  expect(await marks('no-gradient', 'hard')).toBe(6);
  expect(await marks('no-gradient', 'seedRound')).toBe(6);
  expect(await marks('no-gradient', 'ste')).toBe(0);
  // and they are painted: the no-gradient rings in --zero red
  expect((await canvasPixels(page, 'arrows-canvas', '#b3261e')).near).toBeGreaterThan(100);
  await expect(page.getByTestId('arrow-scale')).toContainText('dl/dw');
  // the heatmap's legend keys the probe lines drawn over it
  await expect(page.getByTestId('heatmap-probe-key')).toHaveText('the probes w (the hovered one bold)');
  // with the target on a probe's hard value, the STE has nothing to correct there
  const target = page.getByLabel('Target value');
  await target.fill('1');
  await target.press('Enter');
  await expect.poll(() => marks('at-target', 'ste')).toBe(2);
  // an STE arrow points toward the target: w = 1.5 has w_bar = 1 = target -> at target; w = -1 moves right
  const data = await exportData(page);
  expect(data.params.target).toBe(1);
  expect(data.probes[0]?.lossGrad.ste).toBeLessThan(0);
});

test('hovering a table row highlights its probe and arrows, and back', async ({ page }) => {
  await openApp(page);
  await page.locator('[data-probe="2"]').hover();
  await expect(page.locator('[data-probe-handle="2"]')).toHaveClass(/active/);
  // one thicker mark per lane at probe 2
  await expect
    .poll(() => drawnMarks(page, 'arrows-canvas', 'active'))
    .toEqual(['arrow:soft:2', 'arrow:ste:2', 'no-gradient:hard:2', 'no-gradient:seedRound:2', 'arrow:identity:2']);
  // hovering the hard lane's "no gradient" mark at probe 4 (its ring's centre, from the painted path)
  const ring = (await paintedPaths(page, 'arrows-canvas'))['no-gradient:hard:4'] ?? '';
  const [, right, centreY] = /^M([-\d.]+),([-\d.]+)/.exec(ring) ?? [];
  await page.getByTestId('arrows-hit-area').scrollIntoViewIfNeeded();
  const area = await page.getByTestId('arrows-hit-area').boundingBox();
  if (!area || right === undefined || centreY === undefined) throw new Error(`no ring to hover: ${ring}`);
  await page.mouse.move(area.x + Number(right) - 6, area.y + Number(centreY));
  await expect(page.locator('[data-probe="4"]')).toHaveClass(/active/);
  await expect.poll(() => drawnMarks(page, 'arrows-canvas', 'active')).toContain('no-gradient:hard:4');
  // and its tooltip says what the mark means, as the SVG mark's title did
  await expect(page.getByTestId('arrows-hit-area').locator('title')).toHaveText(
    'hard at w = 1: no gradient (d/dw = 0)',
  );
});

test('legend entries toggle curves, and adjusted inputs raise a notice', async ({ page }) => {
  await openApp(page);
  const entry = page.getByRole('button', { name: 'w_soft' });
  await entry.click();
  await expect(entry).toHaveAttribute('aria-pressed', 'false');
  const softDrawn = async () =>
    (await drawnMarks(page, 'curves-canvas')).filter((id) => id === 'value:soft' || id === 'gradient:soft');
  await expect.poll(softDrawn).toEqual([]);
  await entry.click();
  await expect.poll(softDrawn).toEqual(['value:soft', 'gradient:soft']);
  const field = page.getByLabel('Temperature value');
  await field.fill('5000');
  await field.press('Enter');
  await expect(page.getByTestId('notice')).toContainText('temperature must be in [0.001, 1000]; used 1000');
  await expect(page.locator('.status')).toContainText(/last update \d+\.\d ms/);
});

test('on a phone the figures stack and fit the screen, in the dark theme too', async ({ browser }) => {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
    colorScheme: 'dark',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => void (message.type() === 'error' && errors.push(message.text())));
  await openApp(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // figures first (under the pinned strip), the other settings after them
  const sidebar = await page.locator('.sidebar').boundingBox();
  const heatmap = await page.locator('[data-figure="heatmap"]').boundingBox();
  expect(heatmap && sidebar && sidebar.y > heatmap.y + heatmap.height - 1).toBe(true);
  expect(heatmap && heatmap.width <= 390).toBe(true);
  // touch: a tap on the temperature track moves it
  const slider = page.getByRole('slider', { name: 'Temperature' });
  // the strip starts below the orientation and pins itself once scrolled to
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  if (!box) throw new Error('no slider box');
  await page.touchscreen.tap(box.x + box.width * 0.15, box.y + box.height / 2);
  await expect(slider).not.toHaveAttribute('aria-valuetext', 'T = 1');
  await page.screenshot({ path: test.info().outputPath('phone-dark.png'), fullPage: true });
  expect(errors).toEqual([]);
  await context.close();
});

test('hover readouts name the grid sample and the center under the pointer, with the right numbers', async ({
  page,
}) => {
  await openApp(page);
  const centers = [-2, -1, 0, 1, 2];
  const gridStep = 6 / 511; // 512 samples across [-3, 3]
  /** Moves the pointer to plot coordinates (fractions of the element's box). */
  const hover = async (selector: string, fx: number, fy: number) => {
    await page.locator(selector).first().scrollIntoViewIfNeeded();
    const box = await page.locator(selector).first().boundingBox();
    if (!box) throw new Error(`${selector} has no box`);
    await page.mouse.move(box.x + fx * box.width, box.y + fy * box.height);
  };
  // curves: the pointer at w = 0.7 reads the grid sample nearest it (bisectCenter on the grid)
  await hover('[data-figure="curves"] rect.hit-area', (0.7 + 3) / 6, 0.5);
  const curves = page.getByTestId('curves-readout');
  await expect(curves).toContainText('w_soft');
  const [, w, soft] = /w = ([-\d.e]+): w_hard = [-\d.e]+, w_soft = ([-\d.e]+)/.exec(await curves.innerText()) ?? [];
  expect(Math.abs(Number(w) - 0.7)).toBeLessThanOrEqual(gridStep / 2 + 1e-6);
  expect(Number(soft)).toBeCloseTo(referenceSoft(Number(w), centers, 1, 'l1'), 5);
  // heatmap: the top band is the largest center (scaleBand over the rows), the bottom one the smallest
  for (const [fy, center] of [
    [0.1, 2],
    [0.9, -2],
    [0.5, 0],
  ] as const) {
    await hover('[data-figure="heatmap"] rect.hit-area', (-0.4 + 3) / 6, fy);
    const readout = page.getByTestId('heatmap-readout');
    await expect(readout).toContainText(`c = ${center},`);
    const [, hw, p] = /w = ([-\d.e]+), c = [-\d.e]+, p = ([-\d.e]+)/.exec(await readout.innerText()) ?? [];
    expect(Math.abs(Number(hw) + 0.4)).toBeLessThanOrEqual(gridStep / 2 + 1e-6);
    const expected = referenceAssignments(Number(hw), centers, 1, 'l1')[centers.indexOf(center)] as number;
    expect(Number(p)).toBeCloseTo(expected, 5);
  }
});

test.describe('on a high-density screen', () => {
  test.use({ deviceScaleFactor: 2 });
  test('the canvases paint at the device pixel ratio', async ({ page }) => {
    await openApp(page);
    for (const id of ['curves-canvas', 'arrows-canvas']) {
      const size = await page.getByTestId(id).evaluate((canvas: HTMLCanvasElement) => ({
        pixels: canvas.width,
        css: canvas.getBoundingClientRect().width,
        ratio: window.devicePixelRatio,
      }));
      expect(size.ratio).toBe(2);
      expect(size.css).toBeGreaterThan(300);
      expect(size.pixels).toBe(Math.round(size.css * 2));
    }
  });
});
