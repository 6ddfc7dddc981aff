import {
  test as base,
  expect,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Download,
  type Page,
} from '@playwright/test';
import { readFile } from 'node:fs/promises';
import type { ExportedData } from '../src/state/exportData';

type ContextOptions = BrowserContextOptions;

/** The options that are set (Playwright gives undefined for the rest). */
function setOptions(options: { [K in keyof ContextOptions]?: ContextOptions[K] | undefined }): ContextOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

/** Page methods whose effect outlives a navigation and cannot be undone: a page that used one is not reused. */
const LASTING = ['addInitScript', 'emulateMedia', 'exposeBinding', 'exposeFunction', 'setExtraHTTPHeaders'] as const;

/**
 * One page that the tests of a worker take in turn. A test in a new page of a new context costs
 * about 1.1 s more here than one in a page that has shown the app before (a new renderer process
 * compiling tfjs and drawing its first frame again). After a test that passed the page is reset:
 * other pages closed, listeners, routes and permissions removed, the viewport restored, and it
 * goes to about:blank, so the next test's first `goto` loads the app afresh. After a failure, or
 * a lasting change (`LASTING`), the page is closed and the next test gets a new one.
 */
class SharedPage {
  private context: BrowserContext | null = null;
  private options: ContextOptions = {};
  private page: Page | null = null;
  private changed = false;

  constructor(private readonly browser: Browser) {}

  /** The page, in a context with these options: a new context where they differ from the last test's. */
  async take(options: ContextOptions): Promise<Page> {
    if (this.context && JSON.stringify(this.options) !== JSON.stringify(options)) await this.close();
    this.options = options;
    this.context ??= await this.browser.newContext(options);
    if (!this.page || this.page.isClosed()) {
      const page = await this.context.newPage();
      for (const name of LASTING) {
        const method = page[name] as (...args: unknown[]) => Promise<unknown>;
        Object.assign(page, {
          [name]: (...args: unknown[]) => {
            this.changed = true;
            return method.apply(page, args);
          },
        });
      }
      this.page = page;
      this.changed = false;
      return page;
    }
    return this.page;
  }

  /** Readies the page for the next test, or closes it where it cannot be trusted to be as new. */
  async release(passed: boolean): Promise<void> {
    const { context, page } = this;
    if (!context || !page) return;
    await Promise.all(
      context
        .pages()
        .filter((other) => other !== page)
        .map((other) => other.close()),
    );
    await context.clearPermissions();
    await context.unrouteAll({ behavior: 'ignoreErrors' });
    const { offline = false, viewport } = this.options;
    await context.setOffline(offline);
    if (page.isClosed()) return;
    if (!passed || this.changed) return void (await page.close());
    page.removeAllListeners();
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    if (viewport && JSON.stringify(page.viewportSize()) !== JSON.stringify(viewport))
      await page.setViewportSize(viewport);
    await page.goto('about:blank').catch(() => page.close());
  }

  async close(): Promise<void> {
    await this.context?.close();
    this.context = null;
    this.page = null;
  }
}

/**
 * The test fixture every browser test uses.
 * - `page` is the worker's shared page (`SharedPage`), in a context with the test's options;
 *   `context` is that page's context.
 * - It records console errors and page errors, and a test fails if there were any.
 */
export const test = base.extend<{ consoleErrors: string[] }, { sharedPage: SharedPage }>({
  sharedPage: [
    async ({ browser }, use) => {
      const shared = new SharedPage(browser);
      await use(shared);
      await shared.close();
    },
    { scope: 'worker' },
  ],
  page: async (
    {
      sharedPage,
      acceptDownloads,
      baseURL,
      bypassCSP,
      colorScheme,
      deviceScaleFactor,
      extraHTTPHeaders,
      hasTouch,
      isMobile,
      javaScriptEnabled,
      locale,
      offline,
      permissions,
      serviceWorkers,
      timezoneId,
      userAgent,
      viewport,
    },
    provide, // `use`, named otherwise for the React hooks lint
    testInfo,
  ) => {
    // the context options a project or a test (`test.use`) can set, each a fixture of its own:
    // Playwright reads a fixture's dependencies from its destructured parameter, hence the list twice
    const options = setOptions({
      acceptDownloads,
      baseURL,
      bypassCSP,
      colorScheme,
      deviceScaleFactor,
      extraHTTPHeaders,
      hasTouch,
      isMobile,
      javaScriptEnabled,
      locale,
      offline,
      permissions,
      serviceWorkers,
      timezoneId,
      userAgent,
      viewport,
    });
    await provide(await sharedPage.take(options));
    await sharedPage.release(testInfo.status === testInfo.expectedStatus);
  },
  context: async ({ page }, provide) => provide(page.context()),
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
