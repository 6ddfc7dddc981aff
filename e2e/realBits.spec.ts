import type { Download, Page } from '@playwright/test';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, exportData, openApp, test, pngPixels } from './fixtures';

async function download(page: Page, name: string | RegExp): Promise<Download> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', typeof name === 'string' ? { name, exact: true } : { name }).click(),
  ]);
  return file;
}

/** A 40 x 24 PNG made in the page: a gradient with a few hard edges, so every code has work. */
async function testImage(page: Page, dir: string): Promise<string> {
  const png = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(40, 24);
    const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
    const gradient = context.createLinearGradient(0, 0, 40, 24);
    gradient.addColorStop(0, '#204060');
    gradient.addColorStop(1, '#f0b070');
    context.fillStyle = gradient;
    context.fillRect(0, 0, 40, 24);
    context.fillStyle = '#e03020';
    context.fillRect(6, 5, 9, 9);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  });
  const file = path.join(dir, 'bits.png');
  await writeFile(file, Buffer.from(png));
  return file;
}

/** Waits for the lab's result for `transform` on the test image, with its file in the export. */
async function fileInExport(page: Page, transform: string) {
  await expect
    .poll(async () => {
      const lab = (await exportData(page)).imageLab;
      return lab?.image === 'bits.png' && lab.transform === transform && lab.file !== undefined;
    })
    .toBe(true);
  return (await exportData(page)).imageLab?.file as { bytes: number; bpp: number; estimateBpp: number };
}

/** Downloads the hard PNG and the compressed file, opens the file, and compares the hard views. */
async function roundTrip(page: Page, dir: string, transform: string) {
  const file = await fileInExport(page, transform);
  expect(file.bpp).toBeCloseTo((8 * file.bytes) / (40 * 24), 12);
  const before = await pngPixels(page, await download(page, 'hard'));
  const compressed = await download(page, /^Download compressed/);
  const saved = path.join(dir, `${transform}.qplf`);
  await compressed.saveAs(saved);
  const bytes = await readFile(saved);
  // the export's size is the downloaded file's
  expect(bytes.length).toBe(file.bytes);
  await page.getByLabel('Open your own image').setInputFiles(saved);
  await expect(page.getByTestId('lab-decoded')).toContainText(`of ${bytes.length} bytes`);
  const after = await pngPixels(page, await download(page, 'hard'));
  expect(after).toEqual(before);
  return { bytes, hard: before };
}

test('pixels and DCT: the compressed file opens as the hard view, pixel for pixel; a damaged one is refused', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const dir = await mkdtemp(path.join(tmpdir(), 'qp-bits-'));
  await openApp(page, '?backend=wasm');
  await page.locator('#image-lab').scrollIntoViewIfNeeded();
  // the link's image first: an own file opened while it still loads would be replaced by it
  await expect(page.getByTestId('lab-bpp')).toBeVisible({ timeout: 60_000 });
  await page.getByLabel('Open your own image').setInputFiles(await testImage(page, dir));
  const pixels = await roundTrip(page, dir, 'pixels');
  // a setting changed after the opening: the hard view is computed again, and the page says so
  await page.getByRole('radio', { name: /DCT/ }).check();
  await expect(page.getByTestId('lab-recomputed')).toContainText('computed again at the lab');
  await expect(page.getByTestId('lab-decoded')).toHaveCount(0);
  await expect(page.getByTestId('lab-estimate')).toBeVisible();

  await roundTrip(page, dir, 'dct');

  // a damaged file: a message, and the lab keeps its image and goes on computing
  const damaged = Buffer.from(pixels.bytes);
  damaged[20] = (damaged[20] as number) ^ 0x40;
  const broken = path.join(dir, 'damaged.qplf');
  await writeFile(broken, damaged);
  await page.getByLabel('Open your own image').setInputFiles(broken);
  await expect(page.getByTestId('lab-error')).toContainText('could not be decoded as a lab file');
  await page.getByRole('radio', { name: 'pixel values' }).check();
  await fileInExport(page, 'pixels');
  // back at the pixels file's settings: the hard view computed on them is the one that file decoded to
  await expect(page.getByTestId('lab-recomputed')).toBeVisible();
  expect(await pngPixels(page, await download(page, 'hard'))).toEqual(pixels.hard);
});

test('learned: the file holds the decoder, and opens as the hard view pixel for pixel', async ({ page }) => {
  test.setTimeout(120_000);
  const dir = await mkdtemp(path.join(tmpdir(), 'qp-bits-'));
  await openApp(page, '?transform=learned&backend=wasm&channels=4');
  await page.locator('#image-lab').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('lab-bpp')).toBeVisible({ timeout: 60_000 });
  await page.getByLabel('Open your own image').setInputFiles(await testImage(page, dir));
  const { bytes } = await roundTrip(page, dir, 'learned');
  // the decoder's 4 x 64 + 64 + 64 x 192 + 192 weights are in it: far more than the symbols' estimate
  const file = (await exportData(page)).imageLab?.file;
  expect(bytes.length * 8).toBeGreaterThan((file?.estimateBpp ?? 0) * 40 * 24 + 4 * (4 * 64 + 64 + 64 * 192 + 192));
});
