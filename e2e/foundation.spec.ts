import { closedFormSoftGradient, referenceAssignments, referenceHard, referenceSoft } from '../tests/reference';
import { SEED } from '../tests/seed';
import { expect, exportData, openApp, test } from './fixtures';

function expectWithin(actual: number, expected: number, tolerance: number, what: string) {
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

for (const backend of ['webgl', 'wasm', 'cpu'] as const) {
  test(`?backend=${backend} runs ${backend} and reproduces the seed's printout`, async ({ page }) => {
    await openApp(page, `?backend=${backend}`);
    await expect(page.getByTestId('backend-name')).toHaveText(backend);
    await expect(page.getByTestId('backend-reason')).toContainText(`forced by ?backend=${backend}`);

    const data = await exportData(page);
    expect(data.app).toBe('quantization-playground');
    expect(data.schema).toBe(1);
    expect(data.backend).toBe(backend);
    expect(data.params).toMatchObject({ temperature: 1, centers: 5, spacing: 1, distance: 'l1', probes: SEED.inputs });
    expect(data.centers).toEqual(SEED.centers);
    expect(data.probes.map((probe) => probe.w)).toEqual(SEED.inputs);
    data.probes.forEach((probe, i) => {
      expectWithin(probe.hard, SEED.hard[i] as number, 0, `hard[${i}]`);
      expectWithin(probe.soft, SEED.soft[i] as number, 1e-5, `soft[${i}]`);
      expectWithin(probe.bar, SEED.bar[i] as number, 1e-5, `bar[${i}]`);
      probe.assignments.forEach((p, j) => expectWithin(p, SEED.smx[i]?.[j] as number, 1e-5, `smx[${i}][${j}]`));
      const soft = closedFormSoftGradient(probe.w, SEED.centers, 1, 'l1');
      expectWithin(probe.grad.soft, soft, 1e-5, `grad.soft[${i}]`);
      expectWithin(probe.grad.ste, soft, 1e-5, `grad.ste[${i}]`);
      expect(probe.grad.hard).toBe(0);
      expect(probe.grad.seedRound).toBe(0);
      expect(probe.grad.identity).toBe(1);
    });

    // The table shows the seed's numbers (7 significant digits; WebGL may differ in the last one).
    const firstRow = page.locator('[data-probe="0"]');
    const cellValue = async (selector: string) => Number(await firstRow.locator(selector).first().innerText());
    expectWithin(await cellValue('td:nth-of-type(3)'), -0.7813338, 1e-5, 'w_soft cell');
    expectWithin(await cellValue('td.assignment.hard'), 0.52059436, 1e-5, 'max assignment cell');
    expectWithin(await cellValue('td[data-estimator="ste"]'), 0.5806245, 1e-5, 'STE gradient cell');
    await expect(firstRow.locator('td[data-estimator="seedRound"]')).toContainText('no gradient');
    await page.screenshot({ path: test.info().outputPath(`seed-${backend}.png`), fullPage: true });
  });
}

test('with software WebGL and nothing forced, the app chooses wasm and says why', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('backend-name')).toHaveText('wasm');
  await expect(page.getByTestId('backend-reason')).toContainText('software-rendered (SwiftShader)');
  const data = await exportData(page);
  expect(data.backend).toBe('wasm');
  expectWithin(data.probes[5]?.soft as number, SEED.soft[5] as number, 1e-5, 'soft at 1.5');
});

test('an unknown ?backend value gets a notice and the automatic choice', async ({ page }) => {
  await openApp(page, '?backend=gpu%3Cscript%3E');
  await expect(page.getByTestId('backend-name')).toHaveText('wasm');
  await expect(page.getByTestId('notice').first()).toContainText('backend must be one of webgl, wasm, cpu');
});

test('the temperature slider works by keyboard, and the table follows with correct numbers', async ({ page }) => {
  await openApp(page, '?backend=cpu');
  const slider = page.getByRole('slider', { name: 'Temperature' });
  await slider.focus();
  // ten steps of 0.05 in log10 T: T = 10^-0.5
  for (let k = 0; k < 10; k++) await slider.press('ArrowLeft');
  await expect(slider).toHaveAttribute('aria-valuetext', 'T = 0.3162');
  await expect(page.locator('.probe-table caption')).toContainText('T = 0.3162');
  const data = await exportData(page);
  expect(data.params.temperature).toBe(0.3162);
  const centers = SEED.centers;
  data.probes.forEach((probe, i) => {
    expectWithin(probe.soft, referenceSoft(probe.w, centers, 0.3162, 'l1'), 1e-5, `soft[${i}]`);
    expectWithin(probe.hard, referenceHard(probe.w, centers, 'l1'), 0, `hard[${i}]`);
    const row = referenceAssignments(probe.w, centers, 0.3162, 'l1');
    probe.assignments.forEach((p, j) => expectWithin(p, row[j] as number, 1e-5, `p[${i}][${j}]`));
    expectWithin(probe.grad.ste, closedFormSoftGradient(probe.w, centers, 0.3162, 'l1'), 1e-4, `ste[${i}]`);
  });
});

test('centers, distance and probes change the computation', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  const centers = page.getByRole('slider', { name: 'Centers' });
  await centers.focus();
  await centers.press('ArrowLeft'); // L = 4: non-integer centers
  await expect(centers).toHaveAttribute('aria-valuetext', 'L = 4');
  await page.getByRole('radio', { name: /squared/ }).check();
  const probes = page.getByLabel('Probe points w');
  await probes.fill('0, 2.5, abc, 1e9');
  await probes.press('Enter');
  await expect(page.getByTestId('notice').last()).toContainText('dropped "abc"');
  await expect(page.getByTestId('notice').last()).toContainText('clamped 1e9 to 1000000');
  const data = await exportData(page);
  expect(data.params).toMatchObject({ centers: 4, distance: 'l2', probes: [0, 2.5, 1e6] });
  expect(data.centers).toEqual([-1.5, -0.5, 0.5, 1.5]);
  const c = data.centers;
  expect(data.probes.map((probe) => probe.hard)).toEqual([-0.5, 1.5, 1.5]); // tie at 0 goes to the lower center
  data.probes.forEach((probe, i) => {
    expectWithin(probe.soft, referenceSoft(probe.w, c, 1, 'l2'), 1e-5, `soft[${i}]`);
    expectWithin(probe.grad.ste, closedFormSoftGradient(probe.w, c, 1, 'l2'), 1e-4, `ste[${i}]`);
  });
});
