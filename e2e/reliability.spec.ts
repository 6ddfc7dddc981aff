import { chromium, type Page } from '@playwright/test';
import { SEED } from '../tests/seed';
import { BASE_ARGS, chromiumPath } from './browser';
import { expect, exportData, openApp, paintedPaths, test } from './fixtures';

/** Waits until the view on screen was computed for the current params on the current backend. */
async function waitForFreshView(page: Page) {
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          const state = window.quantizationPlayground.store.getState();
          return state.view !== null && state.view.params === state.params && state.view.epoch === state.backendEpoch;
        }),
      { timeout: 15_000 },
    )
    .toBe(true);
}

async function expectSeedNumbers(page: Page) {
  await waitForFreshView(page);
  const data = await exportData(page);
  data.probes.forEach((probe, i) => expect(Math.abs(probe.soft - (SEED.soft[i] as number))).toBeLessThan(1e-5));
  return data;
}

const NO_WEBGL_BROWSERS = [
  // WebGL off for pages (tfjs could still reach WebGL2 through OffscreenCanvas here)
  { args: ['--disable-webgl', '--disable-3d-apis'], queries: [''] },
  // no GPU and no software rasteriser: no WebGL anywhere
  { args: ['--disable-gpu', '--disable-software-rasterizer'], queries: ['', '?backend=webgl'] },
];

test('without WebGL the app runs on wasm and says so; a forced webgl falls back with a notice', async () => {
  for (const { args, queries } of NO_WEBGL_BROWSERS) {
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...BASE_ARGS, ...args] });
    try {
      for (const query of queries) {
        const page = await browser.newPage({ acceptDownloads: true });
        const errors: string[] = [];
        page.on('console', (message) => void (message.type() === 'error' && errors.push(message.text())));
        page.on('pageerror', (error) => errors.push(error.message));
        await openApp(page, query);
        await expect(page.getByTestId('backend-name')).toHaveText('wasm');
        await expect(page.getByTestId('backend-reason')).toContainText(
          query ? '?backend=webgl failed to start' : 'this browser has no WebGL',
        );
        if (query) await expect(page.getByTestId('notice').first()).toContainText('Fell back to wasm: webgl');
        await expectSeedNumbers(page);
        expect(errors, `${args.join(' ')} ${query}`).toEqual([]);
        await page.close();
      }
    } finally {
      await browser.close();
    }
  }
});

/**
 * Loses the app's WebGL context through WEBGL_lose_context (kept as window.lostExtension for
 * restoreContext). With refuseNewContexts, the page then gets no new WebGL context, as a
 * browser that has run out of them.
 */
async function loseWebGLContext(page: Page, refuseNewContexts: boolean) {
  // The app starts wasm beside WebGL shortly after the first view; from then on a loss is covered at once.
  await page.waitForFunction(() => window.quantizationPlayground.wasmFallbackReady(), undefined, { timeout: 15_000 });
  // What the page does once after its first view (the teaching sections, KaTeX typesetting) is done:
  // the second is measured from a settled page, as a loss mid-session would find it.
  await page.waitForFunction(
    () => {
      const formulas = document.querySelectorAll('.formula');
      return formulas.length > 10 && document.querySelectorAll('.formula .katex').length === formulas.length;
    },
    undefined,
    { timeout: 15_000 },
  );
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 3000 })));
  await page.evaluate((refuse) => {
    const canvas = window.quantizationPlayground.webglCanvas();
    const gl = canvas?.getContext('webgl2') as WebGL2RenderingContext | null;
    const extension = gl?.getExtension('WEBGL_lose_context');
    if (!extension) throw new Error('no WEBGL_lose_context');
    const state = window as unknown as { lostExtension: WEBGL_lose_context; refuseWebGL: boolean };
    state.lostExtension = extension;
    state.refuseWebGL = refuse;
    for (const prototype of [HTMLCanvasElement.prototype, OffscreenCanvas.prototype] as Array<{
      getContext: unknown;
    }>) {
      const original = prototype.getContext as (this: unknown, kind: string, ...rest: unknown[]) => unknown;
      prototype.getContext = function (this: unknown, kind: string, ...rest: unknown[]) {
        if (state.refuseWebGL && kind.startsWith('webgl')) return null;
        return original.call(this, kind, ...rest);
      };
    }
    // The clock runs in the page: a fresh WebGL context blocks the page for about a second right
    // after the fallback view is painted, and a check from outside would wait behind it.
    const started = performance.now();
    const recovery: { ms?: number; shown?: string } = {};
    (window as unknown as { recovery: typeof recovery }).recovery = recovery;
    const unsubscribe = window.quantizationPlayground.store.subscribe((app) => {
      const next = app as { backend: { name: string } | null; backendEpoch: number; view: { epoch: number } | null };
      if (next.backend?.name === 'webgl' || next.view?.epoch !== next.backendEpoch || next.backend === null) return;
      unsubscribe();
      requestAnimationFrame(() =>
        setTimeout(() => {
          recovery.ms = performance.now() - started;
          recovery.shown = document.querySelector('[data-testid="backend-name"]')?.textContent ?? '';
        }, 0),
      );
    });
    extension.loseContext();
  }, refuseNewContexts);
}

/** How long after the loss the view computed on the fallback was on screen, and the backend it showed. */
async function recoveryTime(page: Page): Promise<{ ms: number; shown: string }> {
  const handle = await page.waitForFunction(
    () => {
      const recovery = (window as unknown as { recovery: { ms?: number; shown?: string } }).recovery;
      return recovery.ms === undefined ? null : recovery;
    },
    undefined,
    { timeout: 10_000 },
  );
  return (await handle.jsonValue()) as { ms: number; shown: string };
}

async function restoreWebGLContext(page: Page) {
  await page.evaluate(() => {
    const state = window as unknown as { lostExtension: WEBGL_lose_context; refuseWebGL: boolean };
    state.refuseWebGL = false;
    state.lostExtension.restoreContext();
  });
}

test('a lost WebGL context is recovered within a second on a fresh context, keeping the view', async ({ page }) => {
  await openApp(page, '?backend=webgl&temperature=2');
  await expect(page.getByTestId('backend-name')).toHaveText('webgl');
  await loseWebGLContext(page, false);
  // within a second the view is computed again and shown, on wasm while a fresh WebGL context starts
  const recovery = await recoveryTime(page);
  expect(recovery.shown).toBe('wasm');
  expect(recovery.ms).toBeLessThan(1000);
  await expect(
    page.getByTestId('notice').filter({ hasText: 'The WebGL context was lost; computing on wasm' }),
  ).toHaveCount(1);
  await expect(page.getByTestId('backend-reason')).toContainText('fresh WebGL context', { timeout: 10_000 });
  await expect(page.getByTestId('notice').filter({ hasText: 'Recovered on a fresh WebGL context' })).toHaveCount(1);
  await expect(page.getByTestId('backend-name')).toHaveText('webgl');
  // the view is kept, and the numbers computed on the new context are right
  await expect(page.getByRole('slider', { name: 'Temperature' })).toHaveAttribute('aria-valuetext', 'T = 2');
  await page.getByLabel('Temperature value').fill('1');
  await page.getByLabel('Temperature value').press('Enter');
  await expectSeedNumbers(page);
  await restoreWebGLContext(page);
  await page.waitForTimeout(300);
  await expect(page.getByTestId('backend-name')).toHaveText('webgl');
});

for (const comeback of ['restoreContext', 'contexts open again, with no restored event'] as const) {
  test(`when no new WebGL context can open, the app falls back, and WebGL comes back (${comeback})`, async ({
    page,
  }) => {
    await openApp(page, '?backend=webgl');
    await loseWebGLContext(page, true);
    const recovery = await recoveryTime(page);
    expect(recovery.shown).toBe('wasm');
    expect(recovery.ms).toBeLessThan(1000);
    await expect(page.getByTestId('backend-name')).toHaveText('wasm');
    await expect(page.getByTestId('notice').filter({ hasText: 'staying on wasm and trying again' })).toHaveCount(1);
    await expectSeedNumbers(page);
    // the browser does not always restore a lost context: the app also tries fresh ones, 2 s, 4 s, ... apart
    if (comeback === 'restoreContext') await restoreWebGLContext(page);
    else await page.evaluate(() => ((window as unknown as { refuseWebGL: boolean }).refuseWebGL = false));
    await expect(page.getByTestId('backend-name')).toHaveText('webgl');
    await expect(page.getByTestId('notice').filter({ hasText: 'WebGL context restored' })).toHaveCount(1);
    // what no longer holds is not left on screen
    await expect(page.getByTestId('notice').filter({ hasText: 'trying again' })).toHaveCount(0);
    await expectSeedNumbers(page);
  });
}

test('16-bit-only WebGL is detected: forced, it runs and states the loss of precision', async ({ page }) => {
  await openApp(page, '?backend=webgl&tfjsflags=WEBGL_RENDER_FLOAT32_CAPABLE:false');
  await expect(page.getByTestId('backend-name')).toHaveText('webgl');
  await expect(page.getByTestId('notice').filter({ hasText: 'Precision: this GPU cannot render float32' })).toHaveCount(
    1,
  );
  await expect(page.getByTestId('notice').filter({ hasText: 'TensorFlow.js debug flags' })).toHaveCount(1);
});

test('one failing figure shows an error box with "reset view"; the others keep working', async ({ page }) => {
  await page.addInitScript(() => {
    const original = CanvasRenderingContext2D.prototype.putImageData as (...args: unknown[]) => void;
    CanvasRenderingContext2D.prototype.putImageData = function (this: CanvasRenderingContext2D, ...args: unknown[]) {
      if ((window as unknown as { breakHeatmap?: boolean }).breakHeatmap)
        throw new Error('the canvas refused to paint');
      original.apply(this, args);
    } as typeof CanvasRenderingContext2D.prototype.putImageData;
  });
  await openApp(page);
  await page.evaluate(() => ((window as unknown as { breakHeatmap: boolean }).breakHeatmap = true));
  const softPath = async () => (await paintedPaths(page, 'curves-canvas'))['value:soft'];
  const before = await softPath();
  expect(before).toMatch(/^M/);
  await page.getByLabel('Temperature value').fill('0.3');
  await page.getByLabel('Temperature value').press('Enter');
  const box = page.locator('[data-figure="heatmap"] [data-testid="figure-error"]');
  await expect(box).toContainText('The heatmap figure failed: the canvas refused to paint');
  // the curves still follow the slider
  await expect.poll(softPath).not.toBe(before);
  await expect(page.locator('[data-figure="curves"] [data-testid="figure-error"]')).toHaveCount(0);
  await page.evaluate(() => ((window as unknown as { breakHeatmap: boolean }).breakHeatmap = false));
  await box.getByRole('button', { name: 'reset view' }).click();
  await expect(box).toHaveCount(0);
  await expect(page.getByTestId('heatmap-canvas')).toBeVisible();
  await expect(page.getByRole('slider', { name: 'Temperature' })).toHaveAttribute('aria-valuetext', 'T = 1');
});

test('extremes: 1,048,576 samples, L = 64, T = 0.001, probes at +-1e6 over a 2e6-wide range', async ({ page }) => {
  await openApp(
    page,
    '?samples=1048576&centers=64&temperature=0.001&probes=-1000000,0.25,1000000&range=-1000000,1000000',
  );
  await expect(page.getByTestId('grid-note')).toContainText('grid capped at 8,192 of 1,048,576 samples');
  const data = await exportData(page);
  for (const probe of data.probes) {
    for (const value of [probe.hard, probe.soft, probe.bar, ...probe.assignments, ...Object.values(probe.grad)]) {
      expect(Number.isFinite(value)).toBe(true);
    }
  }
  expect(data.probes.map((p) => p.hard)).toEqual([-31.5, 0.5, 31.5]);
  await openApp(page, '?range=100000,100000.000001');
  await expect(page.getByTestId('grid-note')).toContainText('finer than float32');
});

async function heapUsed(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  await session.send('HeapProfiler.collectGarbage');
  const { usedSize } = await session.send('Runtime.getHeapUsage');
  await session.detach();
  return usedSize;
}

// A leak of one view per update (30 KB or more: the grid's assignments, 512 x 5 float32, and its
// curves and gradients, 10 x 512 float32) grows the heap by 6 MB or more in 200 updates; a leaked
// tensor shows after one.
test('200 slider updates leave tensors flat and the JS heap within 5 MB', async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page);
  await page.getByRole('slider', { name: 'Temperature' }).focus();
  const step = (k: number) => page.keyboard.press(k % 3 ? 'ArrowLeft' : 'ArrowRight');
  for (let k = 0; k < 30; k++) await step(k);
  await waitForFreshView(page);
  const tensorsBefore = await page.evaluate(() => window.quantizationPlayground.memory().numTensors);
  const heapBefore = await heapUsed(page);
  for (let k = 0; k < 200; k++) await step(k);
  await waitForFreshView(page);
  expect(await page.evaluate(() => window.quantizationPlayground.memory().numTensors)).toBe(tensorsBefore);
  const heapAfter = await heapUsed(page);
  expect(heapAfter - heapBefore, `heap grew from ${heapBefore} to ${heapAfter}`).toBeLessThan(5 * 1024 * 1024);
});

// 150 interactions reach every kind of control many times over (a leaked tensor shows after one);
// the grid slider's End key (16,384 samples) makes some of them slow on software WebGL.
const SOAK = 150;

test('a soak of 150 random interactions: no error, tensors flat, the numbers still right', async ({ page }) => {
  test.setTimeout(300_000);
  await openApp(page);
  const tensorsBefore = await page.evaluate(() => window.quantizationPlayground.memory().numTensors);
  let seed = 20261127;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const sliders = ['Temperature', 'Centers', 'Spacing', 'Grid resolution', 'Target'];
  const keys = ['ArrowLeft', 'ArrowRight', 'PageUp', 'PageDown', 'Home', 'End'];
  // Real input events throughout; focus moves only when the next interaction picks another control.
  for (let k = 0; k < SOAK; k++) {
    const pick = random();
    if (pick < 0.7) {
      const name = sliders[Math.floor(random() * sliders.length)] as string;
      await page.getByRole('slider', { name, exact: true }).focus();
      for (let n = 0; n < 4 && k < SOAK; n++, k++)
        await page.keyboard.press(keys[Math.floor(random() * keys.length)] as string);
    } else if (pick < 0.78) {
      await page.getByRole('radio', { name: random() < 0.5 ? /squared/ : /L1/ }).check();
    } else if (pick < 0.86) {
      await page
        .locator('.legend-entry')
        .nth(Math.floor(random() * 5))
        .click();
    } else if (pick < 0.94) {
      await page.locator('.probe-handle').first().focus();
      for (let n = 0; n < 4 && k < SOAK; n++, k++)
        await page.keyboard.press(random() < 0.5 ? 'ArrowLeft' : 'ArrowRight');
    } else {
      await page
        .locator('[data-probe]')
        .nth(Math.floor(random() * 3))
        .hover();
    }
  }
  await waitForFreshView(page);
  expect(await page.evaluate(() => window.quantizationPlayground.memory().numTensors)).toBe(tensorsBefore);
  await page.getByRole('link', { name: "The seed's example" }).click();
  await expectSeedNumbers(page);
});

test('the Content-Security-Policy allows the app and is never violated', async ({ page }) => {
  await page.addInitScript(() => {
    (window as unknown as { violations: string[] }).violations = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { violations: string[] }).violations.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  const response = await page.goto('/?backend=wasm');
  const html = (await response?.text()) ?? '';
  const policy =
    /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]?.replaceAll('&#39;', "'") ?? '';
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(policy).not.toContain("'unsafe-eval'");
  expect(policy).not.toMatch(/https?:/);
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
  await expect(page.getByTestId('probe-table')).toBeVisible();
  await page.getByRole('button', { name: 'Export curves figure as PNG' }).click();
  await page.getByRole('button', { name: 'Copy link' }).click();
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
});
