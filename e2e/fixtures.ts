import { test as base, expect, type Download, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import type { ExportedData } from '../src/state/exportData';

/**
 * The test fixture every browser test uses: it records console errors and page errors, and a
 * test fails if there were any.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/** The e2e build's `window.quantizationPlayground` handle (src/testHook.ts), as the tests use it. */
export interface Hook {
  store: {
    getState: () => { params: unknown; backendEpoch: number; view: { epoch: number; params: unknown } | null };
    subscribe: (listener: (state: unknown) => void) => () => void;
  };
  memory: () => { numTensors: number };
  backend: () => string;
  webglCanvas: () => HTMLCanvasElement | OffscreenCanvas | null;
  wasmFallbackReady: () => boolean;
  pendingHistoryEntries: () => number;
  /** the image lab's quantizer: [w_soft, w_hard, index, entropy bits] */
  labSummary: (
    inputs: number[],
    settings: { centers: number[]; temperature: number; distance: 'l1' | 'l2'; engine: 'fused' | 'reference' },
  ) => Promise<number[][]>;
}
declare global {
  interface Window {
    quantizationPlayground: Hook;
  }
}

/** Waits until every finished change has its history entry (no timer is outlasted by sleeping). */
export async function historyWritten(page: Page): Promise<void> {
  await page.waitForFunction(() => window.quantizationPlayground.pendingHistoryEntries() === 0);
}

/** Opens the app and waits until the first result is on screen. */
export async function openApp(page: Page, query = ''): Promise<void> {
  await page.goto(`/${query}`);
  await expect(page.getByTestId('probe-table')).toBeVisible();
  await expect(page.getByTestId('backend-name')).toBeVisible();
}

/** Clicks "Export data" and parses the downloaded file. */
export async function exportData(page: Page): Promise<ExportedData> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export data' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('quantization-playground.json');
  const path = await download.path();
  return JSON.parse(await readFile(path, 'utf8')) as ExportedData;
}

/** The ids of the marks a figure's canvas painted last (its `data-drawn`), e.g. `value:soft`. */
export async function drawnMarks(page: Page, canvasTestId: string, list = 'drawn'): Promise<string[]> {
  const text = await page.getByTestId(canvasTestId).getAttribute(`data-${list}`);
  return (text ?? '').split(' ').filter(Boolean);
}

/** The SVG path of each mark a canvas painted last, by id: traced by the calls that painted it. */
export async function paintedPaths(page: Page, canvasTestId: string): Promise<Record<string, string>> {
  return page.getByTestId(canvasTestId).evaluate((canvas) => {
    const handle = (
      window as unknown as { quantizationPlayground: { paintedPaths: (c: Element) => Record<string, string> } }
    ).quantizationPlayground;
    return handle.paintedPaths(canvas);
  });
}

/**
 * A canvas's pixels: a fingerprint, and how many pixels are within 60 (sum of |ΔR|+|ΔG|+|ΔB|) of
 * `color` (#rrggbb), to see a curve drawn thicker.
 */
export async function canvasPixels(page: Page, canvasTestId: string, color = '#000000') {
  return page.getByTestId(canvasTestId).evaluate((canvas: HTMLCanvasElement, hex) => {
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const [r, g, b] = [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16)) as [number, number, number];
    let hash = 0;
    let near = 0;
    for (let i = 0; i < data.length; i += 4) {
      hash = (hash * 31 + (data[i] ?? 0) + 7 * (data[i + 1] ?? 0) + 13 * (data[i + 3] ?? 0)) % 1_000_000_007;
      const alpha = data[i + 3] ?? 0;
      if (
        alpha > 200 &&
        Math.abs((data[i] ?? 0) - r) + Math.abs((data[i + 1] ?? 0) - g) + Math.abs((data[i + 2] ?? 0) - b) < 60
      )
        near++;
    }
    return { hash, near };
  }, color);
}

/**
 * RGBA of a PNG download, decoded by the browser (not the app's code). The bytes cross the
 * protocol as base64 both ways: a JSON array of 500,000 numbers takes seconds.
 */
export async function pngPixels(
  page: Page,
  download: Download,
): Promise<{ width: number; height: number; data: Uint8Array }> {
  const png = (await readFile(await download.path())).toString('base64');
  const decoded = await page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const blob = new Blob([bytes], { type: 'image/png' });
    const bitmap = await createImageBitmap(blob, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
    context.drawImage(bitmap, 0, 0);
    const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    let text = '';
    for (let i = 0; i < data.length; i += 0x8000) text += String.fromCharCode(...data.subarray(i, i + 0x8000));
    return { width: bitmap.width, height: bitmap.height, rgba: btoa(text) };
  }, png);
  return { width: decoded.width, height: decoded.height, data: new Uint8Array(Buffer.from(decoded.rgba, 'base64')) };
}
