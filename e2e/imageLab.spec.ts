import type { Download, Page } from '@playwright/test';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, exportData, openApp, test, pngPixels } from './fixtures';

/** Opens the app with the lab on screen, waits for its first numbers. */
async function openLab(page: Page, query: string) {
  await openApp(page, query);
  await page.locator('#image-lab').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('lab-bpp')).toBeVisible({ timeout: 60_000 });
}

async function downloadPng(page: Page, name: string): Promise<Download> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name, exact: true }).click(),
  ]);
  return download;
}

/** PSNR over RGB of two RGBA arrays, computed here independently of the app. */
function psnr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < a.length; i++) {
    if (i % 4 === 3) continue;
    sum += ((a[i] as number) - (b[i] as number)) ** 2;
    count++;
  }
  return sum === 0 ? Infinity : 10 * Math.log10((255 * 255) / (sum / count));
}

for (const [name, width, height] of [
  ['astronaut', 512, 512],
  ['chelsea', 451, 300],
  ['coffee', 512, 341],
] as const) {
  test(`the lab opens ${name} from its link`, async ({ page }) => {
    let data;
    if (name === 'coffee') {
      // never scrolled to: the lab catches up off screen once the page is quiet, and the export has it
      await openApp(page, `?image=${name}&backend=wasm&temperature=0.5`);
      await expect(page.locator('#image-lab')).not.toBeInViewport();
      await expect.poll(async () => (await exportData(page)).imageLab?.image, { timeout: 30_000 }).toBe(name);
      data = await exportData(page);
    } else {
      await openLab(page, `?image=${name}&backend=wasm`);
      data = await exportData(page);
    }
    expect(data.imageLab).toMatchObject({ image: name, width, height, transform: 'pixels' });
    expect(data.imageLab?.histograms).toHaveLength(3);
    expect(data.imageLab?.bpp).toBeGreaterThan(0);
    expect(data.imageLab?.bpp).toBeLessThanOrEqual(3 * Math.log2(5) + 1e-9);
    if (name === 'chelsea') {
      // the view is in the link: zoom, the point at the centre of the views, and the swipe
      await page.getByRole('button', { name: 'Zoom in' }).click();
      await page.getByRole('button', { name: 'Zoom in' }).click();
      await page.locator('.image-views').focus();
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => new URL(page.url()).searchParams.get('zoom')).toBe('2.25');
      await expect.poll(() => Number(new URL(page.url()).searchParams.get('focusx'))).toBeGreaterThan(0.5);
      const focusX = Number(new URL(page.url()).searchParams.get('focusx'));
      const lesson = () =>
        page.evaluate(() => {
          const state = window.quantizationPlayground.store.getState() as unknown as {
            lesson: { labZoom: number; labFocusX: number };
          };
          return [state.lesson.labZoom, state.lesson.labFocusX];
        });
      const shared = page.url();
      await page.goto('about:blank');
      await openLab(page, new URL(shared).search);
      expect(await lesson()).toEqual([2.25, focusX]);
    }
  });
}

test('moving T changes the soft image; the exported numbers agree with the exported PNGs', async ({ page }) => {
  test.setTimeout(120_000);
  await openLab(page, '?image=chelsea&temperature=5&backend=wasm');
  const field = page.getByLabel('Temperature value');
  const hot = await exportData(page);
  const hotSoft = await pngPixels(page, await downloadPng(page, 'soft'));
  const hotText = await page.getByTestId('lab-psnr').innerText();
  await field.fill('0.05');
  await field.press('Enter');
  // the lab computes while it is on screen
  await page.locator('#image-lab').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('lab-psnr')).not.toHaveText(hotText);
  const cold = await exportData(page);
  expect(cold.imageLab?.psnrSoft).not.toBe(hot.imageLab?.psnrSoft);
  const original = await pngPixels(page, await downloadPng(page, 'image as used'));
  const soft = await pngPixels(page, await downloadPng(page, 'soft'));
  const hard = await pngPixels(page, await downloadPng(page, 'hard'));
  expect(soft.data).not.toEqual(hotSoft.data);
  expect([original.width, original.height]).toEqual([451, 300]);
  // numbers reproducible from the images: PSNR of the PNGs against the image as used
  expect(psnr(original.data, hard.data)).toBeCloseTo(cold.imageLab?.psnr as number, 6);
  expect(psnr(original.data, soft.data)).toBeCloseTo(cold.imageLab?.psnrSoft as number, 6);
  expect(psnr(original.data, hotSoft.data)).toBeCloseTo(hot.imageLab?.psnrSoft as number, 6);
  // the rate from the exported histograms: sum over streams of n H(counts) / pixels
  const histograms = cold.imageLab?.histograms as number[][];
  let bits = 0;
  for (const counts of histograms) {
    const total = counts.reduce((sum, c) => sum + c, 0);
    for (const c of counts) if (c > 0) bits -= c * Math.log2(c / total);
  }
  expect(bits / (451 * 300)).toBeCloseTo(cold.imageLab?.bpp as number, 9);
  // as T -> 0 the soft image approaches the hard one
  expect(psnr(hard.data, soft.data)).toBeGreaterThan(psnr(hard.data, hotSoft.data) + 10);
});

test("the lab's T and L sliders are the explorer's settings, with the image on screen", async ({ page }) => {
  await openLab(page, '?image=coffee&backend=wasm');
  const labL = page.getByRole('slider', { name: 'Lab L' });
  await page.locator('.lab-quantizer').scrollIntoViewIfNeeded();
  const bpp = await page.getByTestId('lab-bpp').innerText();
  await labL.focus();
  await labL.press('ArrowRight');
  await expect(page.getByRole('slider', { name: 'Centers' })).toHaveAttribute('aria-valuetext', 'L = 6');
  await expect(page.getByTestId('lab-bpp')).not.toHaveText(bpp);
  const psnr = await page.getByTestId('lab-psnr').innerText();
  const labT = page.getByRole('slider', { name: 'Lab T' });
  await labT.focus();
  await labT.press('ArrowLeft');
  const explorerT = await page.getByRole('slider', { name: 'Temperature' }).getAttribute('aria-valuetext');
  expect(explorerT).not.toBe('T = 1');
  await expect(labT).toHaveAttribute('aria-valuetext', explorerT as string);
  // the soft reconstruction follows (its PSNR is the second number)
  await expect(page.getByTestId('lab-psnr')).not.toHaveText(psnr);
  await expect(page).toHaveURL(/centers=6/);
  // with only the lab in sight the explorer's update waits; an export brings it up to date first
  const data = await exportData(page);
  expect(Number(data.params.temperature)).toBeCloseTo(Number((explorerT as string).replace('T = ', '')), 6);
  expect(Number(data.params.centers)).toBe(6);
  expect(data.imageLab?.image).toBe('coffee');
});

test("the DCT mode at its defaults keeps the image's colours; its colour choice goes to the link", async ({ page }) => {
  test.setTimeout(120_000);
  await openLab(page, '?image=chelsea&transform=dct&backend=wasm');
  const original = await pngPixels(page, await downloadPng(page, 'image as used'));
  const hard = await pngPixels(page, await downloadPng(page, 'hard'));
  // the hard image, measured here: close to the original, and each channel's mean kept
  expect(psnr(original.data, hard.data)).toBeGreaterThan(24);
  for (let c = 0; c < 3; c++) {
    let difference = 0;
    for (let i = c; i < original.data.length; i += 4)
      difference += (hard.data[i] as number) - (original.data[i] as number);
    expect(Math.abs(difference / (original.width * original.height))).toBeLessThan(2);
  }
  const bpp = await page.getByTestId('lab-bpp').innerText();
  await page.getByRole('radio', { name: 'YCbCr 4:4:4' }).check();
  await expect(page).toHaveURL(/dctcolour=ycbcr(&|$)/);
  await expect(page.getByTestId('lab-bpp')).not.toHaveText(bpp);
  expect((await exportData(page)).imageLab?.dctColour).toBe('ycbcr');
});

test('the codec sweep puts JPEG and WebP points beside the lab', async ({ page }) => {
  test.setTimeout(180_000);
  // the sweep and MS-SSIM run in the lab's worker, off the page's thread
  const worker = page.waitForEvent('worker', { predicate: (w) => /lab\.worker/.test(w.url()) });
  await openLab(page, '?image=chelsea&backend=wasm');
  await worker;
  await expect(page.getByTestId('lab-codec-progress')).toContainText(/18 of 18/, { timeout: 150_000 });
  await expect(page.getByTestId('lab-msssim')).toContainText(/0\.\d{3}/);
  // the DCT curve over the step comes in the background, its rates the files' sizes
  await expect(page.locator('[data-series="dct"] circle')).toHaveCount(10, { timeout: 60_000 });
  const data = await exportData(page);
  expect(data.imageLab?.dctCurve.length).toBe(10);
  const codecs = data.imageLab?.codecs ?? [];
  expect(codecs.filter((point) => point.codec === 'jpeg').length).toBeGreaterThan(3);
  expect(codecs.filter((point) => point.codec === 'webp').length).toBeGreaterThan(3);
  for (const point of codecs) {
    expect(point.bpp).toBeGreaterThan(0);
    expect(point.psnr).toBeGreaterThan(15);
  }
});

test('your own image opens scaled down; a corrupt file gets a message and the page keeps working', async ({ page }) => {
  await openLab(page, '?backend=wasm');
  const dir = await mkdtemp(path.join(tmpdir(), 'qp-lab-'));
  // a 700 x 300 PNG made in the page: wider than the working size
  const png = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(700, 300);
    const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
    const gradient = context.createLinearGradient(0, 0, 700, 0);
    gradient.addColorStop(0, '#102030');
    gradient.addColorStop(1, '#f0c080');
    context.fillStyle = gradient;
    context.fillRect(0, 0, 700, 300);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  });
  const own = path.join(dir, 'gradient.png');
  await writeFile(own, Buffer.from(png));
  await page.getByLabel('Open your own image').setInputFiles(own);
  await expect(page.getByTestId('lab-scaled')).toContainText('Scaled down from 700 × 300 to 512 × 219');
  await expect.poll(async () => (await exportData(page)).imageLab?.image).toBe('gradient.png');
  expect(page.url()).not.toContain('gradient');

  const corrupt = path.join(dir, 'broken.png');
  await writeFile(corrupt, Buffer.from('\x89PNG\r\n\x1a\nthis is not really a png'));
  await page.getByLabel('Open your own image').setInputFiles(corrupt);
  await expect(page.getByTestId('lab-error')).toContainText('could not be decoded');
  // the lab keeps the image it had, and the rest of the page still computes
  expect((await exportData(page)).imageLab?.image).toBe('gradient.png');
  await expect(page.getByTestId('probe-table')).toBeVisible();

  // a bundled image still downloading when your own one opens does not replace it on arrival
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/images/coffee.png', async (route) => {
    await held;
    await route.continue();
  });
  const asked = page.waitForRequest('**/images/coffee.png');
  await page.getByRole('combobox', { name: 'Image' }).selectOption('coffee');
  await asked;
  const second = path.join(dir, 'second.png');
  await writeFile(second, Buffer.from(png));
  await page.getByLabel('Open your own image').setInputFiles(second);
  await expect.poll(async () => (await exportData(page)).imageLab?.image).toBe('second.png');
  const arrived = page.waitForResponse('**/images/coffee.png');
  release();
  await arrived;
  await page.waitForTimeout(500);
  expect((await exportData(page)).imageLab?.image).toBe('second.png');
  await expect(page.getByRole('combobox', { name: 'Image' })).toHaveValue('');
});
