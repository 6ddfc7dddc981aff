import type { Locator, Page } from '@playwright/test';
import { SEED } from '../tests/seed';
import { canvasPixels, drawnMarks, expect, openApp, paintedPaths, test } from './fixtures';

/** The step table's body as numbers, one array per probe row (the w column first). */
async function stepRows(page: Page): Promise<number[][]> {
  const body = page.getByTestId('step-table').locator('tbody tr');
  await expect(body).toHaveCount(SEED.inputs.length);
  const rows = await body.all();
  return Promise.all(
    rows.map(async (row) => (await row.locator('th, td').allInnerTexts()).map((text) => Number(text.trim()))),
  );
}

/** Waits until the step table shows `expected` (rows of w and the step's columns). */
async function expectRows(page: Page, expected: number[][], digits = 6) {
  await expect(async () => expectRowsClose(await stepRows(page), expected, digits)).toPass({ timeout: 10_000 });
}

function expectRowsClose(actual: number[][], expected: number[][], digits = 6) {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((row, i) => {
    const want = expected[i] as number[];
    expect(row).toHaveLength(want.length);
    row.forEach((value, j) => expect(value, `row ${i} column ${j}`).toBeCloseTo(want[j] as number, digits));
  });
}

const withW = (columns: number[][]) => SEED.inputs.map((w, i) => [w, ...(columns[i] as number[])]);

/** The curves canvas's pixels in w_soft's colour (--c-soft, light theme): more when it is drawn thicker. */
async function softPixels(page: Page): Promise<number> {
  return (await canvasPixels(page, 'curves-canvas', '#e69f00')).near;
}

async function highlighted(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => getComputedStyle(element).boxShadow !== 'none');
}

test("the seed walkthrough steps through the seed's code with the seed's own numbers, a link per step", async ({
  page,
}) => {
  await openApp(page, '?temperature=0.5');
  await page.getByRole('button', { name: /Walk through the seed/ }).click();
  const walk = page.getByTestId('walkthrough');
  // starting the walk puts the seed's example back (T = 1)
  await expect(page.getByRole('slider', { name: 'Temperature' })).toHaveAttribute('aria-valuetext', 'T = 1');
  await expect(walk.getByRole('heading')).toContainText('Step 1 of 7');
  await expect(walk.locator('code.current')).toHaveText('centers = tf.cast(tf.range(-2, 3), tf.float32)');
  await expect(page.getByTestId('step-table')).toHaveText('centers = [-2, -1, 0, 1, 2]');
  await expect(page).toHaveURL(/step=1/);

  const next = walk.getByRole('link', { name: 'Next' });
  await next.click();
  await expect(walk.getByRole('heading')).toContainText('Step 2 of 7');
  await expectRows(page, withW(SEED.differences));

  await next.click();
  const argmin = SEED.hard.map((h) => h + 2);
  await expectRows(page, withW(SEED.hard.map((h, i) => [argmin[i] as number, h, h])));

  await next.click();
  await expect(page.locator('#root')).toHaveAttribute('data-highlight', 'assignments');
  expect(await highlighted(page.locator('[data-figure="heatmap"] .figure-body'))).toBe(true);
  await expectRows(page, withW(SEED.smx));

  const thin = await softPixels(page);
  await next.click();
  await expectRows(page, withW(SEED.soft.map((s) => [s])));
  // the step's mark (w_soft) is drawn thicker on the canvas, in both panels
  await expect.poll(() => drawnMarks(page, 'curves-canvas', 'highlighted')).toEqual(['value:soft', 'gradient:soft']);
  await expect.poll(() => softPixels(page)).toBeGreaterThan(thin * 1.4);

  await next.click();
  await expectRows(page, withW(SEED.bar.map((b, i) => [SEED.hard[i] as number, b, b])));

  await next.click();
  await expect(walk.getByRole('heading')).toContainText('Step 7 of 7');
  await expect(page).toHaveURL(/step=7/);
  const gradient = await stepRows(page);
  for (const [w, autodiff, closedForm, asWritten] of gradient as Array<[number, number, number, number]>) {
    expect(autodiff, `w = ${w}`).toBeGreaterThan(0.3);
    expect(autodiff, `w = ${w}: autodiff vs closed form`).toBeCloseTo(closedForm, 5);
    expect(asWritten, `w = ${w}: the seed's round passes nothing`).toBe(0);
  }
  // the seed's probes on a center (w = -1, w = 1) get the same gradient, sign(0) = 0
  expect(gradient[0]?.[1]).toBeCloseTo(0.5806245, 6);

  await walk.getByRole('link', { name: 'Back' }).click();
  await expect(walk.getByRole('heading')).toContainText('Step 6 of 7');
  await page.goBack();
  await expect(walk.getByRole('heading')).toContainText('Step 7 of 7');

  // a step's link opens that step in a fresh page
  await page.goto('/?step=4');
  await expect(page.getByTestId('walkthrough').getByRole('heading')).toContainText('Step 4 of 7');
  await expectRows(page, withW(SEED.smx));
  await page.getByTestId('walkthrough').getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('walkthrough')).toHaveCount(0);
  await expect(page).not.toHaveURL(/step=/);
});

test('the walkthrough says when its numbers are not the seed’s', async ({ page }) => {
  await openApp(page, '?step=5&centers=4');
  await expect(page.getByRole('note')).toContainText('not the seed’s printout');
  await page.getByRole('button', { name: 'Back to the seed’s example' }).click();
  await expect(page.getByRole('note')).toHaveCount(0);
  await expectRows(page, withW(SEED.soft.map((s) => [s])));
  // the last step's closed form follows the distance
  await page.goto('/?step=7&distance=l2');
  await expect(page.locator('.step-text [data-formula*="Var_p(c)"]')).toHaveCount(1);
  const rows = await stepRows(page);
  for (const [w, autodiff, closedForm] of rows as Array<[number, number, number]>)
    expect(autodiff, `w = ${w}`).toBeCloseTo(closedForm, 5);
});

test('formulas are typeset by KaTeX, and the text and the figures highlight each other', async ({ page }) => {
  await openApp(page);
  await expect(page.locator('[data-figure="curves"] .katex').first()).toBeVisible();
  const term = page.locator('[data-figure="curves"] .term[data-link="soft"]');
  expect(await drawnMarks(page, 'curves-canvas', 'highlighted')).toEqual([]);
  const before = await softPixels(page);
  await term.hover();
  await expect(page.locator('#root')).toHaveAttribute('data-highlight', 'soft');
  // w_soft is repainted thicker (4.5 px against 2.5) in both panels
  await expect.poll(() => drawnMarks(page, 'curves-canvas', 'highlighted')).toEqual(['value:soft', 'gradient:soft']);
  await expect.poll(() => softPixels(page)).toBeGreaterThan(before * 1.4);
  expect(await highlighted(term)).toBe(true);
  // and back: the legend entry of a curve lights up the text about it
  await page.getByRole('button', { name: 'w_hard' }).hover();
  await expect(page.locator('#root')).toHaveAttribute('data-highlight', 'hard');
  expect(await highlighted(page.locator('[data-figure="curves"] .term[data-link="hard"]'))).toBe(true);
  expect(await highlighted(term)).toBe(false);
  // the heatmap's hard cells too (their outline thickens)
  const cell = page.locator('rect.hard-cell').first();
  await expect.poll(() => cell.evaluate((element) => getComputedStyle(element).strokeWidth)).toBe('4.5px');
  // moving off the linked elements clears it
  await page.locator('h1').hover();
  await expect(page.locator('#root')).not.toHaveAttribute('data-highlight');
});

test('the round pitfall: as written, the derivative panel and the arrows lose the gradient; the shortcuts are checked', async ({
  page,
}) => {
  await openApp(page);
  const steLane = page.locator('[data-figure="arrows"] g.lane[data-estimator="ste"]');
  const seedLane = page.locator('[data-figure="arrows"] g.lane[data-estimator="seedRound"]');
  /** How many marks of a kind the arrows canvas painted in a lane (`no-gradient:seedRound:3`, ...). */
  const laneMarks = async (kind: string, lane: string) =>
    (await drawnMarks(page, 'arrows-canvas')).filter((id) => new RegExp(`^${kind}:${lane}:\\d+$`).test(id)).length;
  const steGradientDrawn = async () => (await drawnMarks(page, 'curves-canvas')).includes('gradient:bar');
  await expect(steLane).toBeVisible();
  await expect(seedLane).toBeVisible();
  expect(await steGradientDrawn()).toBe(true);
  expect(await laneMarks('arrow', 'ste')).toBe(SEED.inputs.length);

  await page.getByText('Seed as written (with tf.round)', { exact: true }).click();
  await expect(page.getByRole('radio', { name: 'Seed as written (with tf.round)' })).toBeChecked();
  await expect(page).toHaveURL(/seedline=written/);
  await expect(steLane).toBeHidden();
  await expect.poll(steGradientDrawn).toBe(false);
  await expect.poll(() => laneMarks('arrow', 'ste')).toBe(0);
  await expect(seedLane).toBeVisible();
  expect(await laneMarks('no-gradient', 'seedRound')).toBe(SEED.inputs.length);

  await page.getByText('Corrected (no round)', { exact: true }).click();
  await expect(steLane).toBeVisible();
  await expect.poll(steGradientDrawn).toBe(true);
  await expect(seedLane).toBeHidden();
  await expect.poll(() => laneMarks('no-gradient', 'seedRound')).toBe(0);
  expect(await laneMarks('arrow', 'ste')).toBe(SEED.inputs.length);

  const summary = page.getByTestId('shortcut-summary');
  await expect(summary).toContainText('is right at every probe');
  await expect(summary).toContainText('changes no forward value');
  await summary.getByRole('button', { name: 'Try L = 4' }).click();
  // -1.5 -> -2, -0.5 -> -0, 0.5 -> 0, 1.5 -> 2 (round half to even): every forward value changes
  await expect(summary).toContainText('is right at every probe');
  await expect(summary).toContainText('changes 6 of 6 forward values');
  await summary.getByRole('button', { name: 'Try spacing 0.5' }).click();
  await expect(summary).toContainText('wrong at');
  const cells = await page.getByTestId('shortcut-table').locator('tbody tr').first().locator('td').allInnerTexts();
  // w = -1: the first center, where the shortcut happens to be right, and round(-0.75) = -1
  expect(cells.map(Number)).toEqual([-0.75, -0.75, -1]);
});

test('the relaxations are compared on one figure, and α sharpens soft rounding', async ({ page }) => {
  await openApp(page, '?alpha=1');
  const figure = page.locator('[data-figure="relaxations"]');
  await figure.scrollIntoViewIfNeeded();
  const painted = () => paintedPaths(page, 'relaxations-canvas');
  await expect.poll(async () => (await painted())['band:noise']).toMatch(/^M/);
  const softRound = async () => (await painted())['value:softRound'];
  const before = await softRound();
  const pixels = (await canvasPixels(page, 'relaxations-canvas')).hash;
  const slider = figure.getByRole('slider', { name: 'Soft-rounding sharpness α' });
  await slider.focus();
  for (let i = 0; i < 40; i++) await slider.press('ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuetext', /α = 2\.5/);
  await expect(page).toHaveURL(/alpha=2\.5/);
  await expect.poll(softRound).not.toBe(before);
  await expect.poll(async () => (await canvasPixels(page, 'relaxations-canvas')).hash).not.toBe(pixels);
  // the STE's and the identity's forward values are both the staircase
  const paths = await painted();
  expect(paths['value:ste']).toMatch(/^M/);
  expect(paths['value:ste']).toBe(paths['value:identity']);
});

/** Clicks Step n times and returns the readout's step and loss. */
async function step(page: Page, times: number): Promise<{ step: number; loss: number }> {
  const button = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < times; i++) await button.click();
  return readout(page);
}

async function readout(page: Page): Promise<{ step: number; loss: number }> {
  const text = await page.getByTestId('training-readout').innerText();
  const match = /step (\d+) · loss ([-\d.e]+)/.exec(text);
  if (!match) throw new Error(`unexpected readout ${text}`);
  return { step: Number(match[1]), loss: Number(match[2]) };
}

test('training: the loss falls with the STE and stays put with the hard quantizer and the seed’s round', async ({
  page,
}) => {
  await openApp(page);
  const demo = page.locator('[data-figure="training"]');
  await demo.scrollIntoViewIfNeeded();
  await expect(page.getByTestId('training-readout')).toContainText('step 0');
  const start = await readout(page);
  // a fixed number of steps, one click each
  const ste = await step(page, 40);
  expect(ste.step).toBe(40);
  expect(ste.loss).toBeLessThan(start.loss * 0.8);
  // with the STE the page says why its values settle at the cell edges and its loss stays noisy
  await expect(page.getByTestId('training-chatter')).toContainText('gather at the cell edges and the loss stays noisy');

  for (const name of ['hard', 'seed (round)']) {
    await demo.getByText(name, { exact: true }).click();
    await expect(page.getByTestId('training-readout')).toContainText('step 0');
    const fresh = await readout(page);
    expect(fresh.loss).toBeCloseTo(start.loss, 5);
    await demo.getByRole('button', { name: 'Play' }).click();
    // nothing moved: the page says so, and does not call it convergence
    await expect(page.getByTestId('training-stopped')).toContainText('nothing moved', { timeout: 10_000 });
    await expect(page.getByTestId('training-stopped')).toContainText('This is not convergence');
    // nothing moves here, so there is no chatter to explain
    await expect(page.getByTestId('training-chatter')).toHaveCount(0);
    const after = await readout(page);
    expect(after.step).toBeGreaterThan(0);
    expect(after.loss, name).toBe(fresh.loss);
  }
  await expect(page).toHaveURL(/estimator=seedRound/);

  // Play with the STE: the run goes on by itself, and Pause stops it
  await demo.getByText('STE', { exact: true }).click();
  await demo.getByRole('button', { name: 'Play' }).click();
  await expect.poll(async () => (await readout(page)).step, { timeout: 45_000 }).toBeGreaterThan(250);
  await demo.getByRole('button', { name: 'Pause' }).click();
  const paused = await readout(page);
  await page.waitForTimeout(300);
  expect((await readout(page)).step).toBe(paused.step);
  expect(paused.loss).toBeLessThan(start.loss * 0.5);
});

test('training: annealing lowers T step by step, and learned centers move', async ({ page }) => {
  await openApp(page, '?schedule=anneal&learncenters=1');
  const demo = page.locator('[data-figure="training"]');
  await demo.scrollIntoViewIfNeeded();
  await expect(page.getByTestId('training-readout')).toContainText('step 0');
  await expect(demo.getByRole('checkbox', { name: /Learn the centers/ })).toBeChecked();
  const centers = () =>
    page.evaluate(() => {
      const hook = (window as unknown as { quantizationPlayground: { store: { getState: () => unknown } } })
        .quantizationPlayground;
      const state = hook.store.getState() as { training: { state: { centers: Float32Array } | null } };
      return Array.from(state.training.state?.centers ?? []);
    });
  const before = await centers();
  await step(page, 20);
  // T_t = T0 * 0.99^t: the readout shows the temperature of the latest state
  await expect(page.getByTestId('training-readout')).toContainText(`T = ${Number((0.99 ** 20).toPrecision(7))}`);
  const after = await centers();
  expect(after).toHaveLength(before.length);
  expect(after.some((c, j) => c !== before[j])).toBe(true);
  // a seed that is not a plain decimal is refused with a notice, and the link keeps a valid seed
  const seed = demo.getByLabel('Training seed');
  await seed.fill('0x10');
  await seed.press('Enter');
  await expect(page.getByTestId('notice').filter({ hasText: 'seed must be a finite number' })).toHaveCount(1);
  await expect(page).not.toHaveURL(/seed=0x10/);
});

test('in Chinese, the walkthrough, the teaching sections and the training demo read Chinese, with the formulas kept', async ({
  page,
}) => {
  const cjk = /[\u4e00-\u9fff]/;
  await openApp(page, '?lang=zh&step=7&estimator=hard');
  const walk = page.getByTestId('walkthrough');
  await expect(walk.getByRole('heading')).toHaveText('第 7 步，共 7 步：反向的 w_bar：软梯度，或者干脆没有');
  await expect(walk.getByRole('link', { name: '下一步' })).toBeVisible();
  // the step's linked phrases and its formula are still there inside the translated text
  await expect(walk.locator('.step-text .term[data-link="seedRound"]')).toHaveText('tf.round');
  await expect(walk.locator('.step-text [data-formula*="Cov_p"]')).toHaveCount(1);
  for (const section of ['.intro', '#pitfall', '.compare', '#training']) {
    await expect(page.locator(`${section} h2`)).toHaveText(cjk);
  }
  await expect(page.locator('.intro [data-formula="w_soft = Σ_j p(c_j | w) c_j"]')).toHaveCount(1);
  await expect(page.getByTestId('shortcut-summary')).toContainText('在所有探针点上都正确');
  // the run starts once the demo is seen (the sections above it may still grow as they load)
  const demo = page.locator('[data-figure="training"]');
  await expect(async () => {
    await demo.scrollIntoViewIfNeeded();
    await expect(page.getByTestId('training-readout')).toContainText('第 0 步', { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(demo.getByRole('radio', { name: '硬量化' })).toBeChecked();
  await demo.getByRole('button', { name: '播放' }).click();
  // the stop comes from the model as data and is worded in Chinese: nothing moved, which is not convergence
  await expect(page.getByTestId('training-stopped')).toContainText('什么都没有移动', { timeout: 30_000 });
  await expect(page.getByTestId('training-stopped')).toContainText('这不是收敛');
});
