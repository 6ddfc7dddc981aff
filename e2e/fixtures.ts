import { test as base, expect, type Page } from '@playwright/test';
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

/** The page's `window.quantizationPlayground` handle (src/main.tsx), as the tests use it. */
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
