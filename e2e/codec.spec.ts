import type { Download, Page } from '@playwright/test';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, exportData, openApp, test, pngPixels } from './fixtures';

const SIDE = 128;

// Training a 128 x 128 image takes about 10 s on an idle 2-core machine; the lab's first image and
// its JPEG and WebP sweep come first.
test.describe.configure({ timeout: 240_000 });

/** A 128 x 128 PNG made in the page: a gradient, hard edges and a fine stripe pattern. */
async function testImage(page: Page, dir: string): Promise<string> {
  const png = await page.evaluate(async (side) => {
    const canvas = new OffscreenCanvas(side, side);
    const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
    const gradient = context.createLinearGradient(0, 0, side, side);
    gradient.addColorStop(0, '#204060');
    gradient.addColorStop(1, '#f0b070');
    context.fillStyle = gradient;
    context.fillRect(0, 0, side, side);
    context.fillStyle = '#e03020';
    context.fillRect(20, 30, 40, 36);
    context.fillStyle = '#f8f8f0';
    for (let x = 70; x < 120; x += 6) context.fillRect(x, 70, 3, 40);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  }, SIDE);
  const file = path.join(dir, 'codec.png');
  await writeFile(file, Buffer.from(png));
  return file;
}

async function download(page: Page, name: string | RegExp): Promise<Download> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', typeof name === 'string' ? { name, exact: true } : { name }).click(),
  ]);
  return file;
}

/** Opens the lab with the test image (the pixels transform shows it first) and the codec's panel. */
async function openCodec(page: Page, query: string): Promise<string> {
  await openApp(page, `?backend=wasm${query}`);
  await page.locator('#image-lab').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('lab-bpp')).toBeVisible({ timeout: 60_000 });
  const dir = await mkdtemp(path.join(tmpdir(), 'qp-codec-'));
  await page.getByLabel('Open your own image').setInputFiles(await testImage(page, dir));
  await expect.poll(async () => (await exportData(page)).imageLab?.image, { timeout: 30_000 }).toBe('codec.png');
  await page.getByLabel(/a codec trained here/).check();
  await expect(page.getByTestId('codec-panel')).toBeVisible();
  return dir;
}

/** Opens the codec on the test image and trains it. */
async function train(page: Page, query: string): Promise<string> {
  const dir = await openCodec(page, query);
  await page.getByRole('button', { name: /^Train/ }).click();
  await expect(page.getByTestId('codec-outcome')).toBeVisible({ timeout: 60_000 });
  return dir;
}

test('the trained codec meets its target, and its file decodes to the hard view bit for bit', async ({ page }) => {
  const dir = await train(page, '&cbpp=0.6');
  await expect.poll(async () => (await exportData(page)).imageLab?.codec !== undefined).toBe(true);
  const lab = (await exportData(page)).imageLab!;
  const codec = lab.codec!;
  expect(codec.estimator).toBe('ste');
  expect(Math.abs(codec.bpp - 0.6) / 0.6).toBeLessThan(0.1);
  expect(codec.bpp).toBeCloseTo((8 * codec.bytes) / (SIDE * SIDE), 12);
  expect(lab.file?.bytes).toBe(codec.bytes);
  const before = await pngPixels(page, await download(page, 'hard'));
  const compressed = await download(page, /^Download compressed/);
  const saved = path.join(dir, 'codec.qplf');
  await compressed.saveAs(saved);
  expect((await readFile(saved)).length).toBe(codec.bytes);
  await page.getByLabel('Open your own image').setInputFiles(saved);
  await expect(page.getByTestId('lab-decoded')).toContainText(`of ${codec.bytes} bytes`);
  const after = await pngPixels(page, await download(page, 'hard'));
  expect(after).toEqual(before);
});

test('with the hard estimator the quantizer learns nothing, and the page says so', async ({ page }) => {
  // nothing learns with the hard estimator, so a few steps show it as well as many
  await train(page, '&cbpp=0.6&cestimator=hard&csteps=10');
  await expect(page.getByTestId('codec-frozen')).toContainText('nothing was learned');
  await expect.poll(async () => (await exportData(page)).imageLab?.codec !== undefined).toBe(true);
  const codec = (await exportData(page)).imageLab!.codec!;
  expect(codec.estimator).toBe('hard');
  // the file is the untrained quantizer's: the same PSNR to the last digit
  expect(codec.psnr).toBe(codec.untrainedPsnr);
});

/**
 * The codec's points as the rate-distortion plot draws them, read back through its axes' ticks
 * (the apex of each triangle sits 5 px above its point), in one snapshot of the SVG: the lab's
 * JPEG and WebP points may still arrive and move the axes.
 */
async function drawnCodecPoints(page: Page): Promise<Array<{ bpp: number; psnr: number }>> {
  return page.getByTestId('rd-svg').evaluate((svg) => {
    const number = /[-\d.]+/g;
    const axis = (index: number, coordinate: 0 | 1) => {
      const ticks = Array.from(svg.querySelectorAll('g.axis')[index]?.querySelectorAll(':scope > g') ?? []).map(
        (tick) => ({
          px: Number((tick.getAttribute('transform') ?? '').match(number)?.[coordinate]),
          value: Number(tick.textContent),
        }),
      );
      const first = ticks[0]!;
      const last = ticks[ticks.length - 1]!;
      return (px: number) => first.value + ((px - first.px) * (last.value - first.value)) / (last.px - first.px);
    };
    const bppAt = axis(0, 0);
    const psnrAt = axis(1, 1);
    return Array.from(svg.querySelectorAll('[data-series="trained"] path.rd-trained-point'), (point) => {
      const [px = NaN, py = NaN] = (point.getAttribute('d') ?? '').match(number)?.map(Number) ?? [];
      return { bpp: bppAt(px), psnr: psnrAt(py + 5) };
    });
  });
}

test('a sweep draws the codec’s curve on the rate-distortion plot, one point per rate, as exported', async ({
  page,
}) => {
  // a few steps per rate: the curve's drawing is what is checked here, not how well it trains
  await openCodec(page, '&csteps=8');
  // the sweep trains its rates one after another; two or three are enough for the curve, then Stop
  await page.getByRole('button', { name: /^Sweep/ }).click();
  await expect
    .poll(async () => (await exportData(page)).imageLab?.codecCurve?.length ?? 0, { timeout: 90_000 })
    .toBeGreaterThanOrEqual(2);
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  const curve = (await exportData(page)).imageLab!.codecCurve!;
  expect(curve.length).toBeGreaterThanOrEqual(2);
  const trained = page.getByTestId('rd-trained');
  await trained.scrollIntoViewIfNeeded();
  await expect(page.getByTestId('rd-trained-legend')).toBeVisible();
  const drawn = await drawnCodecPoints(page);
  expect(drawn).toHaveLength(curve.length);
  const exported = [...curve].sort((a, b) => a.bpp - b.bpp);
  drawn.forEach((point, i) => {
    // half a pixel of either axis at this size is well under 0.01 bpp and 0.1 dB
    expect(Math.abs(point.bpp - exported[i]!.bpp)).toBeLessThan(0.01);
    expect(Math.abs(point.psnr - exported[i]!.psnr)).toBeLessThan(0.1);
  });
  // every swept rate is met, so the points are distinct rates
  for (const point of curve) expect(Math.abs(point.bpp - point.targetBpp) / point.targetBpp).toBeLessThan(0.1);
  // the exported SVG holds the series and its legend entry
  const svg = await readFile(await (await download(page, 'Export rate-distortion figure as SVG')).path(), 'utf8');
  expect(svg).toContain('codec trained here, over the target rate');
  expect(svg.match(/<g data-series="trained"[\s\S]*?<\/g>/)?.[0].match(/<path/g)).toHaveLength(curve.length + 1);
});

test('while the codec trains, the explorer’s T still answers a key press, and training goes on to its file', async ({
  page,
}) => {
  await openCodec(page, '&cbpp=0.6');
  // the longest main-thread tasks while it trains, for the report (the bound below is what is checked)
  await page.evaluate(() => {
    const record = window as unknown as { longTasks: number[] };
    record.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) record.longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
  await page.getByRole('button', { name: /^Train/ }).click();
  // training steps are running (the setup is done)
  await expect(page.getByTestId('codec-readout')).toContainText(/^Step [1-9]/i, { timeout: 60_000 });
  // the explorer's figures and its T in the strip, in view (training is a scheduler job, not tied to the lab's view)
  const curves = page.getByTestId('curves-canvas');
  await curves.scrollIntoViewIfNeeded();
  const slider = page.getByTestId('control-strip').getByRole('slider', { name: 'Temperature' });
  const before = await slider.getAttribute('aria-valuetext');
  // from the key's event to the curves' next repaint, timed in the page
  const answered = curves.evaluate(
    (canvas) =>
      new Promise<{ ms: number; status: string; step: number; steps: number }>((resolve) => {
        const hooks = (
          window as unknown as {
            quantizationPlayground: {
              paintedPaths: (c: Element) => Record<string, string>;
              store: {
                getState: () => { codec: { status: string; progress: { step: number; steps: number } | null } };
              };
            };
          }
        ).quantizationPlayground;
        const painted = () => hooks.paintedPaths(canvas)['value:soft'];
        const was = painted();
        let pressed: number | null = null;
        window.addEventListener('keydown', (event) => (pressed = event.timeStamp), { capture: true, once: true });
        const check = () => {
          if (pressed !== null && painted() !== was) {
            const { status, progress } = hooks.store.getState().codec;
            resolve({
              ms: performance.now() - pressed,
              status,
              step: progress?.step ?? 0,
              steps: progress?.steps ?? 0,
            });
          } else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
  );
  await slider.focus();
  await slider.press('ArrowRight');
  const answer = await answered;
  await expect(slider).not.toHaveAttribute('aria-valuetext', before ?? '');
  // the repaint came while the codec was still training, not after it
  expect(answer.status).toBe('training');
  expect(answer.step).toBeLessThan(answer.steps);
  // training goes on to its file, with every step taken
  await page.locator('#image-lab').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('codec-outcome')).toBeVisible({ timeout: 120_000 });
  await expect.poll(async () => (await exportData(page)).imageLab?.codec !== undefined).toBe(true);
  const codec = (await exportData(page)).imageLab!.codec!;
  expect(codec.steps).toBe(120);
  // the key was answered in a small part of the training's time (a 30 ms slice per frame leaves room)
  expect(answer.ms).toBeLessThan(codec.trainMs / 5);
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  const longest = Math.max(0, ...longTasks);
  test.info().annotations.push({
    type: 'responsiveness',
    description: `key to repaint ${answer.ms.toFixed(0)} ms at step ${answer.step} of ${answer.steps}; training ${codec.trainMs.toFixed(0)} ms; ${longTasks.length} long tasks, the longest ${longest.toFixed(0)} ms`,
  });
  console.log(test.info().annotations.at(-1)?.description);
});
