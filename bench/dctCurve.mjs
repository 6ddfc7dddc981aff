// The DCT mode's rate-distortion curve against the browser's JPEG, on astronaut, in the page (#22):
// the lab's DCT curve over the step (each point's rate is its file's size) and the codec sweep's
// JPEG points, both from the same page. run.mjs calls measureDctCurve; `node bench/dctCurve.mjs`
// runs only this part (it builds the app into dist-bench-dct, measures, and writes its record and
// budget line into bench/results.json, leaving the rest of the file as it was).
import { chromium } from '@playwright/test';
import { execSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';

export const DCT_BUDGET = "DCT mode: within 0.5 dB of the browser's JPEG at equal real bits, or above (astronaut)";

/** y at x on the polyline through points sorted by x; null outside their range. */
function interpolate(points, x, key) {
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (x >= a.bpp && x <= b.bpp) return a[key] + ((b[key] - a[key]) * (x - a.bpp)) / (b.bpp - a.bpp || 1);
  }
  return null;
}

/**
 * Opens the lab in DCT mode on astronaut and waits for its curve over the step and the JPEG sweep.
 * Compares at equal bits both ways: each DCT point against JPEG's curve at its bpp, and each JPEG
 * point against the DCT curve at its bpp (linear between neighbours; points outside the other
 * curve's range are not compared).
 */
export async function measureDctCurve(browser, pageUrl) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(pageUrl);
  await page.locator('#image-lab').scrollIntoViewIfNeeded();
  await page.waitForFunction(
    () => {
      const lab = window.quantizationPlayground.store.getState().lab;
      const dct = lab.curves.filter((point) => point.transform === 'dct').length;
      return dct >= 10 && lab.codecProgress !== null && lab.codecProgress.done === lab.codecProgress.total;
    },
    null,
    { timeout: 300_000 },
  );
  const { curves, codecs, colour } = await page.evaluate(() => {
    const state = window.quantizationPlayground.store.getState();
    return { curves: state.lab.curves, codecs: state.lab.codecs, colour: state.lesson.dctColour };
  });
  await page.close();
  const dct = curves
    .filter((point) => point.transform === 'dct')
    .map(({ step, bpp, estimateBpp, psnr }) => ({ step, bpp, estimateBpp, psnr }))
    .sort((a, b) => a.bpp - b.bpp);
  const jpeg = codecs
    .filter((point) => point.codec === 'jpeg')
    .map(({ quality, bpp, psnr }) => ({ quality, bpp, psnr }))
    .sort((a, b) => a.bpp - b.bpp);
  const gap = (at, bpp, above, below) => (above === null || below === null ? [] : [{ at, bpp, gap: above - below }]);
  const gaps = [
    ...dct.flatMap((p) => gap(`DCT step ${p.step}`, p.bpp, p.psnr, interpolate(jpeg, p.bpp, 'psnr'))),
    ...jpeg.flatMap((p) => gap(`JPEG q ${p.quality}`, p.bpp, interpolate(dct, p.bpp, 'psnr'), p.psnr)),
  ];
  const worst = gaps.reduce((low, g) => (low === null || g.gap < low.gap ? g : low), null);
  return { colour, dct, jpeg, gaps, worst };
}

/** The budget line: the smallest gap (DCT minus JPEG, dB) must be >= -0.5. */
export function dctCurveBudget(result) {
  const f = (x, digits) => x.toFixed(digits);
  return {
    budget: DCT_BUDGET,
    value: result.worst ? result.worst.gap : null,
    limit: -0.5,
    atLeast: true,
    unit: 'dB',
    why: result.worst
      ? `DCT (${result.colour}, JPEG's tables x step, each rate the lab file's size) minus the browser's JPEG at equal bpp, linear between neighbouring points; smallest gap ${f(result.worst.gap, 2)} dB at ${result.worst.at} (${f(result.worst.bpp, 3)} bpp); DCT: ${result.dct.map((p) => `step ${p.step} ${f(p.bpp, 3)} bpp ${f(p.psnr, 2)} dB`).join(', ')}; JPEG: ${result.jpeg.map((p) => `q ${p.quality} ${f(p.bpp, 3)} bpp ${f(p.psnr, 2)} dB`).join(', ')}`
      : 'the curves do not overlap',
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const FLAGS = JSON.parse(await readFile(path.join(root, 'e2e', 'chromium-args.json'), 'utf8'));
  const dist = path.join(root, 'dist-bench-dct');
  execSync(`npx vite build --mode e2e --outDir ${dist} --emptyOutDir`, { cwd: root, stdio: 'ignore' });
  const server = await serve(dist);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...FLAGS.base, ...FLAGS.softwareWebGL],
  });
  const result = await measureDctCurve(
    browser,
    `http://127.0.0.1:${server.address().port}/?image=astronaut&transform=dct`,
  );
  const version = browser.version();
  await browser.close();
  server.close();
  const budget = dctCurveBudget(result);
  budget.met = budget.value !== null && budget.value >= budget.limit;
  console.log(`${budget.met ? 'MET ' : 'MISS'} ${budget.budget}: ${budget.value?.toFixed(2)} dB\n  ${budget.why}`);
  const file = path.join(root, 'bench', 'results.json');
  const results = JSON.parse(await readFile(file, 'utf8'));
  results.dctCurve = { date: new Date().toISOString(), browser: `Chromium ${version}`, ...result };
  results.budgets = [...(results.budgets ?? []).filter((b) => b.budget !== DCT_BUDGET), budget];
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log('wrote dctCurve and its budget line into bench/results.json');
}
