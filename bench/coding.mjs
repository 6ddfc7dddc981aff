// The lab files' encode and decode times at 512 x 512 (issue 22: each <= 300 ms), timed in the
// bench page (bench/codingBench.ts). run.mjs calls measureCoding on its bench page and adds
// codingBudgets; `node bench/coding.mjs` runs only this part (it builds the bench page into
// dist-bench-coding, measures, and writes its record and budget lines into bench/results.json,
// leaving the rest of the file as it was; BENCH_CODING_DIST=dist-x builds into dist-x instead).
import { chromium } from '@playwright/test';
import { execSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';

export const CODING_LIMIT_MS = 300;
const BUDGET_PREFIX = 'lab file 512 x 512: ';

/** The timings from a page where bench.ts has loaded (window.runCodingBench). */
export async function measureCoding(page) {
  await page.waitForFunction(() => typeof window.runCodingBench === 'function');
  return page.evaluate(() => window.runCodingBench());
}

/** One budget line per file kind and direction. */
export function codingBudgets(timings) {
  return timings.flatMap((t) =>
    ['encode', 'decode'].map((direction) => ({
      budget: `${BUDGET_PREFIX}${t.what}, ${direction} <= ${CODING_LIMIT_MS} ms`,
      value: t[`${direction}Ms`],
      limit: CODING_LIMIT_MS,
      unit: 'ms',
      why: `median of 5 runs after a warm-up, ${t.what.includes('band workers') ? "the page waiting while the band workers decode (as the lab's coding worker does)" : "in the bench page's main thread (the lab makes its files, and decodes opened ones and learned presses', in its coding worker)"}; the file: ${t.bytes.toLocaleString('en')} bytes (${((8 * t.bytes) / (512 * 512)).toFixed(3)} bpp); ${direction === 'encode' ? 'payload and container (checksum included)' : 'container checks, range decoding and reconstruction to RGBA'}; image made in the page (gradients, edges, noise), learned weights seeded random`,
    })),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const FLAGS = JSON.parse(await readFile(path.join(root, 'e2e', 'chromium-args.json'), 'utf8'));
  // BENCH_CODING_DIST: another build folder, so that runs at the same time do not share one
  const dist = path.resolve(root, process.env.BENCH_CODING_DIST ?? 'dist-bench-coding');
  execSync(`npx vite build --config bench/vite.config.ts --outDir ${dist} --emptyOutDir`, {
    cwd: root,
    stdio: 'ignore',
  });
  const server = await serve(dist);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: FLAGS.base,
  });
  const page = await browser.newPage();
  page.on('console', (message) => message.type() === 'error' && console.error('bench page:', message.text()));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  const timings = await measureCoding(page);
  const version = browser.version();
  await browser.close();
  server.close();
  const budgets = codingBudgets(timings).map((b) => ({ ...b, met: b.value <= b.limit }));
  for (const b of budgets) console.log(`${b.met ? 'MET ' : 'MISS'} ${b.budget}: ${b.value.toFixed(1)} ms`);
  const file = path.join(root, 'bench', 'results.json');
  const results = JSON.parse(await readFile(file, 'utf8'));
  // the machine's load while it ran: on a shared 2-core machine every time above stretches with it
  const load = os.loadavg().map((x) => Number(x.toFixed(2)));
  console.log(`load average ${load.join(', ')} on ${os.cpus().length} cores`);
  results.labFiles = { date: new Date().toISOString(), browser: `Chromium ${version}`, loadAverage: load, timings };
  results.budgets = [...(results.budgets ?? []).filter((b) => !b.budget.startsWith(BUDGET_PREFIX)), ...budgets];
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log('wrote labFiles and its budget lines into bench/results.json');
}
