import type { Page } from '@playwright/test';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, exportData, openApp, test } from './fixtures';

type Parameters = Record<string, number[]>;
interface LearnedHook {
  learnedParameters: () => Promise<Parameters | null>;
  store: { getState: () => { learned: { history: Array<{ loss: number }>; step: number } } };
}

/**
 * A 96 x 64 PNG made in the page, written to a file: a small image keeps the lab's other
 * background work (the JPEG and WebP sweep, the curves over L) short on a slow machine.
 */
async function smallImage(page: Page, dir: string): Promise<string> {
  const png = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(96, 64);
    const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
    const gradient = context.createLinearGradient(0, 0, 96, 64);
    gradient.addColorStop(0, '#183050');
    gradient.addColorStop(1, '#f0b070');
    context.fillStyle = gradient;
    context.fillRect(0, 0, 96, 64);
    context.fillStyle = '#ffffff';
    context.fillRect(20, 16, 24, 24);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  });
  const file = path.join(dir, 'small.png');
  await writeFile(file, Buffer.from(png));
  return file;
}

/** Opens the lab on the learned codec with a small image (`image`, or one made now) and waits for its first result. */
async function openLearned(page: Page, query: string, image?: string): Promise<string> {
  await openApp(page, `?transform=learned&backend=wasm${query}`);
  await page.locator('#image-lab').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('learned-panel')).toBeVisible();
  // the link's image first: an own image opened while the link's one still loads would be replaced by it
  await expect(page.getByTestId('lab-bpp')).toBeVisible({ timeout: 60_000 });
  const file = image ?? (await smallImage(page, await mkdtemp(path.join(tmpdir(), 'qp-learned-'))));
  await page.getByLabel('Open your own image').setInputFiles(file);
  await expect(page.getByTestId('learned-source')).toContainText('small.png (the test image itself)', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('lab-bpp')).toBeVisible({ timeout: 60_000 });
  await page.waitForFunction(
    async () => (await (window.quantizationPlayground as unknown as LearnedHook).learnedParameters()) !== null,
  );
  return file;
}

async function trainToCap(page: Page, cap: number) {
  await page.getByTestId('learned-panel').getByRole('button', { name: 'Play' }).click();
  await expect(page.getByTestId('learned-stopped')).toContainText(`reached the step cap (${cap})`, { timeout: 60_000 });
}

const parameters = (page: Page) =>
  page.evaluate(
    async () => (await (window.quantizationPlayground as unknown as LearnedHook).learnedParameters()) as Parameters,
  );

test('training lowers the loss and puts the learned point on the rate-distortion plot; a sweep draws its curve', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openLearned(page, '&channels=4&lsteps=12');
  await trainToCap(page, 12);
  const losses = await page.evaluate(() =>
    (window.quantizationPlayground as unknown as LearnedHook).store.getState().learned.history.map((m) => m.loss),
  );
  expect(losses).toHaveLength(12);
  expect(losses[losses.length - 1] as number).toBeLessThan(0.7 * (losses[0] as number));
  await expect(page.getByTestId('rd-current').locator('title')).toHaveText(/^learned codec at step 12:/);
  const data = await exportData(page);
  expect(data.imageLab?.transform).toBe('learned');
  expect(data.imageLab?.learned).toMatchObject({ model: 'block-mlp 192-64-4-64-192', steps: 12, estimator: 'ste' });
  expect(data.imageLab?.learned?.lambda).toBe(0.002);
  expect(data.imageLab?.learned?.bpp).toBe(data.imageLab?.bpp);
  expect(data.imageLab?.learned?.psnr).toBe(data.imageLab?.psnr);
  expect(data.imageLab?.histograms).toHaveLength(4); // one stream per latent channel

  // a sweep trains 4 λ values one after another, each to the cap, and draws the curve
  await page.getByLabel('Learned codec step cap').fill('3');
  await page.getByLabel('Learned codec step cap').press('Enter');
  await page.getByRole('button', { name: /Sweep λ/ }).click();
  await expect(page.getByTestId('rd-learned').locator('path.rd-learned-point')).toHaveCount(4, { timeout: 60_000 });
  const swept = await exportData(page);
  expect(swept.imageLab?.learnedCurve?.map((p) => p.lambda)).toEqual([0.008, 0.004, 0.001, 0.002]);
  // the chosen λ is trained last: the model left on screen is its own
  expect(swept.imageLab?.learned?.lambda).toBe(0.002);
});

test('with the hard estimator the encoder never changes, the decoder does, and the page says so', async ({ page }) => {
  await openLearned(page, '&channels=2&lsteps=5&lestimator=hard');
  await expect(page.getByTestId('learned-frozen-hint')).toBeVisible();
  const before = await parameters(page);
  await trainToCap(page, 5);
  const after = await parameters(page);
  for (const name of ['w1', 'b1', 'w2', 'b2']) expect(after[name], name).toEqual(before[name]);
  expect(after['w4']).not.toEqual(before['w4']);
  await expect(page.getByTestId('learned-frozen')).toContainText(
    'The encoder gets no gradient through the hard quantizer, so it never changes; only the decoder still learns',
  );
});

test('downloaded weights load in a fresh page and give the same reconstruction; a corrupt file gets a message', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const image = await openLearned(page, '&channels=3&lsteps=6&llambda=0.004');
  await trainToCap(page, 6);
  const trained = await exportData(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download weights (JSON)' }).click(),
  ]);
  const dir = path.dirname(image);
  const weights = path.join(dir, 'weights.json');
  await download.saveAs(weights);

  await page.close(); // one page at a time on a slow machine
  const fresh = await browser.newPage();
  try {
    await openLearned(fresh, '', image); // the defaults: 16 channels, another λ
    await fresh.getByLabel('Load learned codec weights').setInputFiles(weights);
    await expect(fresh.getByTestId('learned-note')).toContainText('trained 6 steps');
    await expect.poll(async () => (await exportData(fresh)).imageLab?.learned?.steps).toBe(6);
    const loaded = await exportData(fresh);
    expect(loaded.imageLab?.learned).toMatchObject({
      model: 'block-mlp 192-64-3-64-192',
      lambda: 0.004,
      bpp: trained.imageLab?.learned?.bpp,
      psnr: trained.imageLab?.learned?.psnr,
    });
    expect(loaded.lesson['channels']).toBe(3);

    const corrupt = path.join(dir, 'corrupt.json');
    await writeFile(corrupt, '{"format": "something else"');
    await fresh.getByLabel('Load learned codec weights').setInputFiles(corrupt);
    await expect(fresh.getByTestId('learned-error')).toContainText('not a learned codec weights file');
    // the model stays, and the page keeps working
    expect((await exportData(fresh)).imageLab?.learned?.bpp).toBe(trained.imageLab?.learned?.bpp);
    await expect(fresh.getByTestId('probe-table')).toBeVisible();
  } finally {
    await fresh.close();
  }
});

test('a link asking for the conv model says why it is not offered here and trains the block model', async ({
  page,
}) => {
  await openLearned(page, '&lmodel=conv');
  const reason = page.getByTestId('learned-conv-reason');
  await expect(reason).toContainText('The convolutional model is not offered here');
  await expect(reason).toContainText('#8474');
  await expect(reason).toContainText('The block model trains instead.');
  await expect(page.getByTestId('learned-architecture')).toContainText('per 8×8 RGB block');
  expect(page.url()).toContain('lmodel=conv'); // the link keeps asking, for a reader with a GPU
  // the block model is what trains and what the export names
  await page.getByTestId('learned-panel').getByRole('button', { name: 'Step' }).click();
  await expect(page.getByTestId('learned-readout')).toContainText('step 1 of');
  const data = await exportData(page);
  expect(data.imageLab?.learned?.model).toMatch(/^block-mlp 192-64-16-64-192$/);
  // choosing the block model: the conv choice is disabled here, with the backend's reason
  const select = page.getByLabel('Learned codec model');
  await select.selectOption('block');
  await expect(select.locator('option[value="conv"]')).toBeDisabled();
  await expect(reason).toContainText('#8474');
  await expect(reason).not.toContainText('trains instead');
  await expect.poll(() => page.url()).not.toContain('lmodel=');
});

test('on WebGL the conv model trains in the page: its crops, its steps, its point and its export', async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(page, '?transform=learned&lmodel=conv&backend=webgl&channels=4');
  await page.locator('#image-lab').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('lab-bpp')).toBeVisible({ timeout: 120_000 });
  // this machine's WebGL is SwiftShader: the page does not offer the model, and says why
  await expect(page.getByTestId('learned-conv-reason')).toContainText('software-rendered');
  // reported as hardware (no GPU here), the same WebGL kernels a GPU runs train the conv model
  await page.evaluate(() => {
    const store = window.quantizationPlayground.store as unknown as {
      getState: () => { backend: object };
      setState: (changes: object) => void;
    };
    store.setState({ backend: { ...store.getState().backend, renderer: 'ANGLE (reported as hardware by the test)' } });
  });
  await expect(page.getByTestId('learned-conv-reason')).toHaveCount(0);
  await page
    .getByLabel('Open your own image')
    .setInputFiles(await smallImage(page, await mkdtemp(path.join(tmpdir(), 'qp-conv-'))));
  await expect(page.getByTestId('learned-source')).toContainText('random 64×64 crops of small.png', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('learned-architecture')).toContainText('3-32-32-4-32-32-3, 5×5, stride 2');
  for (const step of [1, 2]) {
    await page.getByTestId('learned-panel').getByRole('button', { name: 'Step' }).click();
    await expect(page.getByTestId('learned-readout')).toContainText(`step ${step} of`, { timeout: 60_000 });
  }
  const losses = await page.evaluate(() =>
    (window.quantizationPlayground as unknown as LearnedHook).store.getState().learned.history.map((m) => m.loss),
  );
  expect(losses).toHaveLength(2);
  for (const loss of losses) expect(Number.isFinite(loss) && loss > 0).toBe(true);
  await expect(page.getByTestId('rd-current').locator('title')).toHaveText(/^learned codec at step 2:/);
  const data = await exportData(page);
  expect(data.imageLab?.learned).toMatchObject({ model: 'strided-conv 3-32-32-4-32-32-3, 5×5, stride 2', steps: 2 });
  expect(data.imageLab?.learned?.bpp).toBe(data.imageLab?.bpp);
  expect(data.imageLab?.histograms).toHaveLength(4); // one stream per latent channel
  expect([data.imageLab?.width, data.imageLab?.height]).toEqual([96, 64]);
});
