import type { Page } from '@playwright/test';
import type { ExportedData } from '../src/state/exportData';
import { expect, exportData, openApp, test } from './fixtures';

/**
 * The fused soft assignment against the reference graph in the browser, where the WebGL kernel
 * runs (cpu and wasm are compared in node: tests/kernels*.test.ts). Every number the export
 * carries: p, w_soft, w_hard, w_bar and every estimator's gradient and loss gradient.
 */
const VIEWS = [
  '',
  '&temperature=0.001&centers=64&spacing=0.25&distance=l2&probes=-1000000,0.125,3.9,7.875',
  '&temperature=1000&centers=7&probes=-2,-0.5,0,0.5,1.5,2.75',
  '&temperature=0.05&centers=4&spacing=0.5&probes=-1,-0.25,0,0.25,0.5,1',
];

/** |a - b| <= rel * max(|b| over the list, scale): normwise, as float32 sums allow. */
function expectClose(a: number[], b: number[], rel: number, scale: number, what: string) {
  const largest = Math.max(scale, ...b.map(Math.abs));
  a.forEach((value, i) =>
    expect(Math.abs(value - (b[i] as number)), `${what}[${i}]: ${value} vs ${b[i]}`).toBeLessThanOrEqual(rel * largest),
  );
}

function compare(fused: ExportedData, reference: ExportedData, what: string) {
  expect(fused.engine).toBe('fused');
  expect(reference.engine).toBe('reference');
  const maxC = Math.max(...fused.centers.map(Math.abs));
  const temperature = Number(fused.params.temperature);
  fused.probes.forEach((probe, i) => {
    const other = reference.probes[i];
    if (!other) throw new Error('missing probe');
    expect(probe.hard, `${what} hard ${i}`).toBe(other.hard);
    expectClose(probe.assignments, other.assignments, 1e-5, 0, `${what} p ${i}`);
    expectClose([probe.soft, probe.bar], [other.soft, other.bar], 1e-5, maxC, `${what} values ${i}`);
    const names = Object.keys(probe.grad) as Array<keyof typeof probe.grad>;
    expectClose(
      names.map((name) => probe.grad[name]),
      names.map((name) => other.grad[name]),
      1e-5,
      (maxC * maxC) / temperature,
      `${what} grad ${i}`,
    );
  });
}

/** The exports of every view, in one page per engine: later views are reached as Back/Forward does. */
async function exportsOf(page: Page, engine: 'fused' | 'reference'): Promise<ExportedData[]> {
  const query = (view: string) => `?backend=webgl${engine === 'reference' ? '&engine=reference' : ''}${view}`;
  await openApp(page, query(VIEWS[0] as string));
  await expect(page.getByTestId('engine-name')).toHaveText(engine);
  const exported: ExportedData[] = [];
  for (const view of VIEWS) {
    if (exported.length > 0)
      await page.evaluate((url) => {
        history.pushState(null, '', url);
        dispatchEvent(new PopStateEvent('popstate'));
      }, query(view));
    const centers = Number(/centers=(\d+)/.exec(view)?.[1] ?? 5);
    let data: ExportedData | undefined;
    // (the reference graph at 64 centers takes seconds on software WebGL)
    await expect
      .poll(
        async () => {
          data = await exportData(page);
          return data.centers.length;
        },
        { timeout: 60_000 },
      )
      .toBe(centers);
    exported.push(data as ExportedData);
  }
  return exported;
}

test("WebGL: the fused kernel gives the reference graph's numbers, in four views", async ({ page }) => {
  test.setTimeout(180_000);
  const fused = await exportsOf(page, 'fused');
  const reference = await exportsOf(page, 'reference');
  fused.forEach((data, k) => {
    expect(data.backend).toBe('webgl');
    expect(data.params).toEqual(reference[k]?.params);
    compare(data, reference[k] as ExportedData, `view ${k}`);
  });
});

test('engine=reference stays in the links the page writes', async ({ page }) => {
  await openApp(page, '?engine=reference');
  const centers = page.getByRole('slider', { name: 'Centers' });
  await centers.focus();
  await centers.press('ArrowLeft');
  await expect(page).toHaveURL(/\?v=1&centers=4&engine=reference$/);
  await openApp(page, '?engine=turbo');
  await expect(page.getByTestId('notice').last()).toContainText('engine must be one of fused, reference');
  await expect(page.getByTestId('engine-name')).toHaveText('fused');
});

test("WebGL: the image lab's summary kernel gives the reference graph's numbers", async ({ page }) => {
  test.setTimeout(180_000);
  // one small figure: the rest of the page does not compete for the software GL
  await page.goto('/?backend=webgl&embed=heatmap');
  await expect.poll(() => page.evaluate(() => window.quantizationPlayground?.backend())).toBe('webgl');
  // values on the centers (kinks), midway (ties), beyond them, and spread between
  const inputs = Array.from({ length: 600 }, (_, i) =>
    i % 3 === 0 ? (i % 7) - 3 : i % 3 === 1 ? (i % 7) - 2.5 : Math.sin(i * 12.9898) * 4.5,
  );
  for (const [distance, temperature] of [
    ['l1', 1e-3],
    ['l1', 1],
    ['l2', 0.07],
    ['l2', 1e3],
  ] as const) {
    const settings = { centers: [-3, -2, -1, 0, 1, 2, 3], temperature, distance };
    const [fused, reference] = await page.evaluate(
      ([values, shared]) =>
        Promise.all(
          (['fused', 'reference'] as const).map((engine) =>
            window.quantizationPlayground.labSummary(values, { ...shared, engine }),
          ),
        ),
      [inputs, settings] as const,
    );
    const what = `${distance} T=${temperature}`;
    const [soft, hard, index, bits] = fused as number[][];
    const [softR, hardR, indexR, bitsR] = reference as number[][];
    expect(hard, `${what} w_hard`).toEqual(hardR);
    expect(index, `${what} index`).toEqual(indexR);
    expectClose(soft as number[], softR as number[], 1e-5, 3, `${what} w_soft`);
    expectClose(bits as number[], bitsR as number[], 1e-5, Math.log2(7), `${what} entropy`);
  }
});
