// The codec trained in the lab (#23) against the browser's JPEG and WebP, on astronaut, in the
// page: for each target rate, Train is pressed and the file's bpp, PSNR and MS-SSIM are read with
// the time from Train to the file, beside JPEG's and WebP's PSNR and MS-SSIM at the same bpp
// (linear between the sweep's neighbouring points) and the untrained quantizer's PSNR at the same
// target. `npm run bench` (bench/run.mjs) runs it on astronaut and writes it to bench/results.json
// (`codec`, and two budget lines). `node bench/codec.mjs` runs only this: it builds the app into
// dist-bench-codec (or uses the folder named by --dist), measures astronaut and merges its record
// and budget lines into bench/results.json; `--image chelsea`: another bundled image, written to
// bench/codec-results-chelsea.json; `--file photo.jpg`: any photograph, opened through the lab's
// file input as a user would (printed, not written).
import { chromium } from '@playwright/test';
import { execSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';

export const CODEC_TARGETS = [0.15, 0.25, 0.4];
export const CODEC_BUDGETS = {
  gain: "codec: PSNR >= 2 dB above the browser's JPEG and MS-SSIM above it at equal real bits, at 0.15 and 0.4 bpp (astronaut; other images with --image)",
  time: 'codec: from Train to the file <= 60 s at 512 x 512 (astronaut)',
};

/** y at x on the polyline through points sorted by bpp; below the first point, that point's (flagged). */
function interpolate(points, x, key) {
  if (points.length === 0) return { value: null, clamped: false };
  if (x <= points[0].bpp) return { value: points[0][key], clamped: x < points[0].bpp };
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (x <= b.bpp) {
      if (a[key] === null || b[key] === null) return { value: null, clamped: false };
      return { value: a[key] + ((b[key] - a[key]) * (x - a.bpp)) / (b.bpp - a.bpp || 1), clamped: false };
    }
  }
  return { value: null, clamped: false };
}

export async function measureCodec(browser, pageUrl, file = null) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(pageUrl);
  await page.locator('#image-lab').scrollIntoViewIfNeeded();
  if (file !== null) {
    await page.getByLabel('Open your own image').setInputFiles(file);
    await page.waitForFunction(() => window.quantizationPlayground.store.getState().lab.image?.own === true, null, {
      timeout: 180_000,
    });
  }
  // the JPEG and WebP sweep first, so training does not share the CPU with it
  await page.waitForFunction(
    () => {
      const lab = window.quantizationPlayground.store.getState().lab;
      return lab.image !== null && lab.codecProgress !== null && lab.codecProgress.done === lab.codecProgress.total;
    },
    null,
    { timeout: 300_000 },
  );
  const points = [];
  for (const target of CODEC_TARGETS) {
    await page.evaluate(
      (value) => window.quantizationPlayground.store.getState().setLesson({ codecBpp: value }),
      target,
    );
    await page.getByRole('button', { name: /^Train/ }).click();
    await page.waitForFunction(
      (value) => {
        const codec = window.quantizationPlayground.store.getState().codec;
        return codec.status === 'done' && codec.outcome?.targetBpp === value;
      },
      target,
      { timeout: 300_000 },
    );
    // MS-SSIM is measured off the page's thread once the file is shown
    await page
      .waitForFunction(() => window.quantizationPlayground.store.getState().codec.outcome?.msssim !== null, null, {
        timeout: 30_000,
      })
      .catch(() => {});
    points.push(await page.evaluate(() => window.quantizationPlayground.store.getState().codec.outcome));
  }
  const codecs = await page.evaluate(() => window.quantizationPlayground.store.getState().lab.codecs);
  await page.close();
  const curve = (name) =>
    codecs
      .filter((p) => p.codec === name)
      .map(({ quality, bpp, psnr, msssim }) => ({ quality, bpp, psnr, msssim }))
      .sort((a, b) => a.bpp - b.bpp);
  const jpeg = curve('jpeg');
  const webp = curve('webp');
  const rows = points.map((o) => {
    const jp = interpolate(jpeg, o.bpp, 'psnr');
    const jm = interpolate(jpeg, o.bpp, 'msssim');
    const wp = interpolate(webp, o.bpp, 'psnr');
    const wm = interpolate(webp, o.bpp, 'msssim');
    return {
      target: o.targetBpp,
      bpp: o.bpp,
      bytes: o.bytes,
      psnr: o.psnr,
      msssim: o.msssim,
      trainMs: o.trainMs,
      steps: o.steps,
      estimator: o.estimator,
      untrainedPsnr: o.untrained.psnr,
      untrainedBpp: o.untrained.bpp,
      jpegPsnr: jp.value,
      jpegMsssim: jm.value,
      jpegBelowRange: jp.clamped,
      webpPsnr: wp.value,
      webpMsssim: wm.value,
      webpBelowRange: wp.clamped,
    };
  });
  const image = file !== null ? path.basename(file) : (new URL(pageUrl).searchParams.get('image') ?? 'astronaut');
  return { image, rows, jpeg, webp };
}

export function codecBudgets(result) {
  const f = (x, d = 2) => (x === null || x === undefined ? 'n/a' : x.toFixed(d));
  const checked = result.rows.filter((r) => r.target === 0.15 || r.target === 0.4);
  const gaps = checked.map((r) => (r.jpegPsnr === null ? null : r.psnr - r.jpegPsnr));
  const msssimAbove = checked.every((r) => r.msssim !== null && r.jpegMsssim !== null && r.msssim > r.jpegMsssim);
  const worstGap = gaps.includes(null) ? null : Math.min(...gaps);
  const slowest = Math.max(...result.rows.map((r) => r.trainMs)) / 1000;
  const line = (r) =>
    `${f(r.bpp, 3)} bpp: ${f(r.psnr)} dB, MS-SSIM ${f(r.msssim, 4)}; JPEG ${f(r.jpegPsnr)} dB${r.jpegBelowRange ? ' (its lowest point, at a higher rate)' : ''}, ${f(r.jpegMsssim, 4)}; WebP ${f(r.webpPsnr)} dB${r.webpBelowRange ? ' (its lowest point)' : ''}, ${f(r.webpMsssim, 4)}; untrained ${f(r.untrainedPsnr)} dB; ${f(r.trainMs / 1000, 1)} s`;
  return [
    {
      budget: CODEC_BUDGETS.gain,
      value: worstGap,
      limit: 2,
      atLeast: true,
      unit: 'dB',
      alsoMet: msssimAbove,
      met: worstGap !== null && worstGap >= 2 && msssimAbove,
      why: result.rows.map(line).join('; '),
    },
    {
      budget: CODEC_BUDGETS.time,
      value: slowest,
      limit: 60,
      atLeast: false,
      unit: 's',
      met: slowest <= 60,
      why: `slowest of ${result.rows.length} runs, ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)} at the end`,
    },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const FLAGS = JSON.parse(await readFile(path.join(root, 'e2e', 'chromium-args.json'), 'utf8'));
  const given = process.argv.indexOf('--dist');
  const dist = given > 0 ? path.resolve(root, process.argv[given + 1]) : path.join(root, 'dist-bench-codec');
  if (given < 0) execSync(`npx vite build --mode e2e --outDir ${dist} --emptyOutDir`, { cwd: root, stdio: 'ignore' });
  const server = await serve(dist);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...FLAGS.base, ...FLAGS.softwareWebGL],
  });
  const named = process.argv.indexOf('--image');
  const image = named > 0 ? process.argv[named + 1] : 'astronaut';
  const opened = process.argv.indexOf('--file');
  const file = opened > 0 ? path.resolve(process.argv[opened + 1]) : null;
  const result = await measureCodec(
    browser,
    `http://127.0.0.1:${server.address().port}/?image=${file === null ? image : 'astronaut'}&transform=codec`,
    file,
  );
  const version = browser.version();
  await browser.close();
  server.close();
  const budgets = codecBudgets(result);
  for (const b of budgets) console.log(`${b.met ? 'MET ' : 'MISS'} ${b.budget}: ${b.value}\n  ${b.why}`);
  const record = { date: new Date().toISOString(), browser: `Chromium ${version}`, ...result };
  if (file !== null) {
    console.log(JSON.stringify(record.rows, null, 2));
  } else if (image === 'astronaut') {
    // the bench's own image: its record and budget lines go where npm run bench writes them
    const file = path.join(root, 'bench', 'results.json');
    const results = JSON.parse(await readFile(file, 'utf8'));
    const names = Object.values(CODEC_BUDGETS);
    results.codec = record;
    results.budgets = [
      ...(results.budgets ?? []).filter((b) => !names.includes(b.budget)),
      ...budgets.map(({ budget, value, limit, met, why, unit }) => ({ budget, value, limit, met, why, unit })),
    ];
    await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
    console.log('wrote codec and its budget lines into bench/results.json');
  } else {
    const name = `codec-results-${image}.json`;
    await writeFile(path.join(root, 'bench', name), `${JSON.stringify({ ...record, budgets }, null, 2)}\n`);
    console.log(`wrote bench/${name}`);
  }
}
