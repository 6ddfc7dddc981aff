// npm run bench: builds the app and the benchmark page, drives headless Chromium, measures key
// presses and a probe drag (Event Timing, and a rAF-based clock) against a bare page, times the
// quantizer on each backend against a plain-JS loop, checks the budgets of issues 6 and 12 and
// writes bench/results.json. `--quick`: fewer sizes, the same interaction measurements. The codec
// trained in the lab (#23) is trained on astronaut at 0.15, 0.25 and 0.4 bpp against the browser's
// JPEG and WebP (bench/codec.mjs; about two minutes): `--no-codec` leaves it out.
import { chromium } from '@playwright/test';
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  EVENT_TIMING_FLOOR_MS,
  FLOOR_HTML,
  entriesByName,
  installProbes,
  keyEventTiming,
  pressKeys,
  labPresses,
  learnedToDct,
  quantiles,
  tracedDrag,
} from './interaction.mjs';
import { dctCurveBudget, measureDctCurve } from './dctCurve.mjs';
import { codingBudgets, measureCoding } from './coding.mjs';
import { codecBudgets, measureCodec } from './codec.mjs';
import { measureFirstView } from './firstView.mjs';
import { serve } from './serve.mjs';

const FLAGS = JSON.parse(await readFile(new URL('../e2e/chromium-args.json', import.meta.url), 'utf8'));
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const quick = process.argv.includes('--quick');
const withCodec = !process.argv.includes('--no-codec');
const SIZES = quick
  ? [
      [512, 5],
      [4096, 32],
      [65536, 32],
      [1048576, 16],
    ]
  : [
      [512, 5],
      [512, 32],
      [4096, 5],
      [4096, 32],
      [65536, 5],
      [65536, 32],
      [1048576, 5],
      [1048576, 16],
      [1048576, 32],
    ];

/**
 * The JavaScript the first view needed: every script the page fetched before its first complete
 * view (index.html's entry, the app chunk it imports dynamically, tfjs, the backend), gzipped
 * from dist/ as a static host would send it.
 */
async function initialJavaScript(dist, urls) {
  const files = [...new Set(urls.map((href) => new URL(href).pathname.replace(/^\//, '')))];
  let gzip = 0;
  for (const file of files) gzip += gzipSync(await readFile(path.join(dist, file)), { level: 9 }).length;
  return { files, gzipBytes: gzip };
}

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromiumPath))
  throw new Error(`no Chromium at ${chromiumPath}: apt-get install -y chromium, or set CHROMIUM_PATH`);
// the e2e build: the bench reads the page through its test hook (src/testHook.ts, under 1 KB)
execSync('npx vite build --mode e2e', { cwd: root, stdio: 'ignore' });
execSync('npx vite build --config bench/vite.config.ts', { cwd: root, stdio: 'ignore' });

const appServer = await serve(path.join(root, 'dist'));
const benchServer = await serve(path.join(root, 'bench', 'dist'));
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: [...FLAGS.base, ...FLAGS.softwareWebGL],
});
const url = (server, query = '') => `http://127.0.0.1:${server.address().port}/${query}`;

// The scenarios of issue 12's budgets: the default view, and L = 32 with 4,096 samples.
const SCENARIOS = [
  { name: 'default view', query: '' },
  { name: 'L = 32, 4,096 samples', query: '?centers=32&samples=4096' },
];
const SETTLE_MS = 2000;

// 0. The floor: the same gestures and the same clocks on a bare page (one range input, one number,
// one 512-point SVG path, one drag handle), so the app's latency reads against what this browser
// and renderer cost anyway.
async function measureFloor() {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(installProbes, EVENT_TIMING_FLOOR_MS);
  const floorUrl = url(appServer, 'bench-floor.html');
  await page.route(floorUrl, (route) => route.fulfill({ contentType: 'text/html', body: FLOOR_HTML }));
  await page.goto(floorUrl);
  await page.waitForTimeout(SETTLE_MS);
  await pressKeys(page);
  const dragEventLatency = await tracedDrag(browser, page);
  const bench = await page.evaluate(() => window.__bench);
  await page.close();
  return { ...gestures(bench), dragEventLatency };
}

/** Key presses (Event Timing and rAF-based) and the drag (rAF-based, with its Event Timing entries). */
function gestures(bench) {
  const firstMove = bench.moves[0] ?? Infinity;
  return {
    keyEventTiming: keyEventTiming(bench),
    keyRaf: { ...quantiles(bench.keyPaints), unpaired: bench.unpaired.keys },
    dragRaf: { ...quantiles(bench.movePaints), moves: bench.moves.length, unpaired: bench.unpaired.moves },
    dragEventTimingEntries: entriesByName(bench, firstMove - 1000),
    keyRafSeriesMs: bench.keyPaints.map((x) => Math.round(x * 10) / 10),
  };
}

// 1. The app as a person meets it: first complete view, the backend chosen, then after ~2 s 10
// warm-up presses and 80 counted ones, and the same for a probe drag. `hide` is a stylesheet for
// the measurement that takes the figures off the screen (key presses only: no handle to drag).
async function measureApp(query = '', hide = null) {
  const app = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await app.addInitScript(installProbes, EVENT_TIMING_FLOOR_MS);
  if (hide)
    await app.addInitScript((css) => {
      addEventListener('DOMContentLoaded', () => {
        const style = document.createElement('style');
        style.textContent = css;
        document.head.append(style);
      });
    }, hide);
  await app.goto(url(appServer, query));
  await app.waitForFunction(() => window.__bench.firstViewMs !== null, null, { timeout: 60_000 });
  const firstViewScripts = await app.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((entry) => entry.name.endsWith('.js') && entry.startTime <= window.__bench.firstViewMs)
      .map((entry) => entry.name),
  );
  await app.waitForTimeout(SETTLE_MS);
  await pressKeys(app);
  const dragEventLatency = hide ? null : await tracedDrag(browser, app);
  const bench = await app.evaluate(() => window.__bench);
  const info = await app.evaluate(() => {
    const state = window.quantizationPlayground.store.getState();
    const ready = performance.getEntriesByName('quantization-playground:backend-ready')[0];
    return {
      backendReadyMs: ready
        ? ready.startTime - window.__bench.start + performance.timeOrigin - performance.timing.navigationStart
        : null,
      backend: state.backend.name,
      reason: window.quantizationPlayground.english(state.backend.reason),
      renderer: state.backend.renderer,
      updateMs: state.lastUpdateMs,
    };
  });
  await app.close();
  return { ...info, firstViewMs: bench.firstViewMs, firstViewScripts, ...gestures(bench), dragEventLatency };
}

const floor = await measureFloor();
const scenarios = [];
for (const scenario of SCENARIOS) scenarios.push({ ...scenario, ...(await measureApp(scenario.query)) });
const appInfo = scenarios[0];
// The same presses with the figures, the probe table and the teaching sections not displayed:
// React and tfjs still do all their work, the browser lays out and paints none of it.
const HIDE_FIGURES = '.figure-body, .probes, .explain { display: none !important; }';
const hidden = await measureApp('', HIDE_FIGURES);
const auto = appInfo.backend;

// 1b. The image lab on screen (issue 13): astronaut at 512 x 512, L = 5, 786,432 values per press.
async function measureLab() {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(url(appServer, '?image=astronaut&centers=5'));
  await page.locator('#image-lab').scrollIntoViewIfNeeded();
  await page.getByTestId('lab-bpp').waitFor({ timeout: 120_000 });
  // the once-per-image background work (codec sweep in the worker, the curves over L here) done
  await page.waitForFunction(
    () => {
      const lab = window.quantizationPlayground.store.getState().lab;
      return (
        lab.curves.length >= 14 && lab.codecProgress !== null && lab.codecProgress.done === lab.codecProgress.total
      );
    },
    null,
    { timeout: 300_000 },
  );
  await page.waitForTimeout(SETTLE_MS);
  const presses = await labPresses(page, { count: quick ? 10 : 20 });
  const values = await page.evaluate(() => {
    const lab = window.quantizationPlayground.store.getState().lab;
    return lab.image ? lab.image.lab.width * lab.image.lab.height * 3 : null;
  });
  await page.close();
  return { ...presses, values };
}
const lab = await measureLab();

// 1c. The learned block codec (issue 14): Play in the lab on astronaut at its working size, until
// its whole-image point is within 1 dB of the DCT lab at the same bpp.
async function measureLearned() {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(url(appServer, '?image=astronaut&transform=learned'));
  const result = await learnedToDct(page, { limitMs: quick ? 60_000 : 120_000 });
  await page.close();
  return result;
}
const learned = await measureLearned();

// 1d. The DCT mode against the browser's JPEG at equal real bits (issue 22), astronaut.
const dctCurve = await measureDctCurve(browser, url(appServer, '?image=astronaut&transform=dct'));

// 1c. The codec trained in the lab against the browser's JPEG and WebP (bench/codec.mjs).
const codec = withCodec ? await measureCodec(browser, url(appServer, '?image=astronaut&transform=codec')) : null;

// 2. The quantizer on each backend and the plain-JS loop, at every size.
const bench = await browser.newPage();
bench.on('console', (message) => message.type() === 'error' && console.error('bench page:', message.text()));
await bench.goto(url(benchServer));
await bench.waitForFunction(() => typeof window.runBench === 'function');
const { measurements, tensors } = await bench.evaluate((options) => window.runBench(options), {
  backends: ['webgl', 'wasm', 'cpu'],
  sizes: SIZES,
  // the auto backend runs every size (the budgets are on it); the others skip what would take
  // long, much sooner in --quick
  skipAboveMs: { default: quick ? 1500 : 20_000, [auto]: 120_000 },
});
// 3. The lab files' encode and decode at 512 x 512 (issue 22), in the same bench page.
const labFiles = await measureCoding(bench);
await browser.close();
appServer.close();
benchServer.close();

// 4. The first complete view in fresh browsers, against the same view as static HTML (bench/firstView.mjs).
const firstView = await measureFirstView({ dist: path.join(root, 'dist'), flags: FLAGS, runs: 3 });

const js = await initialJavaScript(path.join(root, 'dist'), appInfo.firstViewScripts);
const plainMs = (n, l) =>
  measurements.find((m) => m.backend === 'plain-js' && m.inputs === n && m.centers === l)?.medianMs;
const rows = measurements.map((m) => ({
  ...m,
  vsPlain: m.medianMs !== null && plainMs(m.inputs, m.centers) ? m.medianMs / plainMs(m.inputs, m.centers) : null,
}));

const format = (x, digits = 1) => (x === null || x === undefined || Number.isNaN(x) ? '-' : x.toFixed(digits));
console.log('\nbackend    inputs x L      first ms   median ms   p95 ms   x plain-JS  kernels  readbacks  runs');
for (const r of rows) {
  console.log(
    `${r.backend.padEnd(9)} ${String(r.inputs).padStart(8)} x ${String(r.centers).padEnd(3)} ${format(r.firstMs).padStart(10)} ${format(r.medianMs, 2).padStart(11)} ${format(r.p95Ms, 2).padStart(8)} ${format(r.vsPlain, 2).padStart(11)} ${String(r.kernels ?? '-').padStart(8)} ${String(r.readbacks).padStart(10)} ${String(r.runs).padStart(5)}${r.note ? `  ${r.note}` : ''}`,
  );
}

const row = (backend, n, l) => rows.find((r) => r.backend === backend && r.inputs === n && r.centers === l);
const webglSmall = row('webgl', 512, 5);
const software = appInfo.renderer?.includes('SwiftShader') ? 'the software renderer' : 'this renderer';
const ms = (x) => `${format(x)} ms`;
const pair = (q) => `p50 ${ms(q.p50)}, p95 ${ms(q.p95)}`;

// Issue 12's interaction budgets, per scenario and gesture: p95 <= 1.5x the bare page's p95, p50 <= 24 ms.
const budgets = [];
for (const s of scenarios) {
  const key = s.keyEventTiming;
  const floorKey = floor.keyEventTiming;
  const keyWhy = `Event Timing keydown duration (input to the next presented frame, 8 ms steps; ${key.underThreshold} of ${key.samples} presses under ${EVENT_TIMING_FLOOR_MS} ms, counted as ${EVENT_TIMING_FLOOR_MS}): app ${pair(key)}, bare page ${pair(floorKey)}; the rAF-based clock (main thread only, no raster) gives app ${pair(s.keyRaf)}, bare page ${pair(floor.keyRaf)}, so about ${ms(key.p50 - s.keyRaf.p50)} of the app's median is after the main thread's frame (raster and compositing on ${software}); the last update's tfjs compute took ${ms(s.updateMs)}`;
  budgets.push(
    {
      budget: `key press p95 <= 1.5x the bare page's p95 (Event Timing, ${s.name})`,
      value: key.p95,
      limit: 1.5 * floorKey.p95,
      unit: 'ms',
      why: keyWhy,
    },
    { budget: `key press p50 <= 24 ms (Event Timing, ${s.name})`, value: key.p50, limit: 24, unit: 'ms', why: keyWhy },
  );
  const drag = s.dragEventLatency;
  const floorDrag = floor.dragEventLatency;
  const dragWhy = `Chromium EventLatency trace events (MOUSE_DRAGGED, input to the presented frame, raster and compositing included; Chromium ${browser.version()} gives no Event Timing entry for pointermove): app ${pair(drag)} over ${drag.samples} of ${drag.sent} moves (${drag.unreported} without a presented frame of their own), bare page ${pair(floorDrag)}; the rAF-based clock (main thread only) gives app ${pair(s.dragRaf)}, bare page ${pair(floor.dragRaf)}; Event Timing entries during the drag: ${
    Object.entries(s.dragEventTimingEntries)
      .map(([name, e]) => `${name} x${e.count} max ${ms(e.max)}`)
      .join(', ') || 'none'
  }`;
  budgets.push(
    {
      budget: `probe drag p95 <= 1.5x the bare page's p95 (EventLatency, ${s.name})`,
      value: drag.p95,
      limit: 1.5 * floorDrag.p95,
      unit: 'ms',
      why: dragWhy,
    },
    {
      budget: `probe drag p50 <= 24 ms (EventLatency, ${s.name})`,
      value: drag.p50,
      limit: 24,
      unit: 'ms',
      why: dragWhy,
    },
  );
}

// Compute budgets on the auto backend and WebGL.
const slowest = (r) =>
  r?.kernelTimes
    ? r.kernelTimes
        .slice(0, 4)
        .map((k) => `${k.name} x${k.count} ${format(k.ms, 0)} ms`)
        .join(', ')
    : null;
for (const [n, l] of [
  [65536, 32],
  [1048576, 16],
]) {
  const r = row(auto, n, l);
  budgets.push({
    budget: `${n.toLocaleString('en')} x ${l} on the auto backend (${auto}) <= 1.0x plain JS`,
    value: r?.vsPlain ?? null,
    limit: 1.0,
    unit: 'x',
    why: r?.medianMs
      ? `${auto} update ${ms(r.medianMs)} (median of ${r.runs - 1}), plain loop ${ms(plainMs(n, l))} (one pass that writes p [N, L] and takes the closed-form gradient on the way; the update makes the forward pass and then autodiff's backward pass through the estimators, which rule 1 keeps, each its own sweep); ${r.kernels ?? 'unprofiled:'} tfjs kernels per update (${r.fusedKernels ?? '?'} fused), ${r.readbacks} readback(s) (the bench runs ${(2 ** 21).toLocaleString('en')} elements per call)${slowest(r) ? `; slowest kernels of one profiled update: ${slowest(r)}` : ''}`
      : (r?.note ?? 'not measured'),
  });
}
budgets.push(
  {
    budget: 'webgl: <= 12 programs per explorer update (512 x 5)',
    value: webglSmall?.kernels ?? null,
    limit: 12,
    unit: '',
    why: webglSmall
      ? `tf.profile counts ${webglSmall.kernels} kernels in one 512 x 5 update on webgl (${ms(webglSmall.medianMs)} median, ${format((webglSmall.medianMs / webglSmall.kernels) * 1000, 0)} us per kernel); ${webglSmall.fusedKernels ?? '?'} of them are the fused quantizer's own programs, the other ${webglSmall.kernels - (webglSmall.fusedKernels ?? 0)} are the five estimators' composition, the toy loss and their backward pass, which issue 12's rule 1 keeps as tfjs autodiff of the real expression (one program per op on WebGL): 12 programs cannot hold them`
      : 'webgl did not start',
  },
  {
    budget: 'webgl: <= 1 readback per explorer update (512 x 5)',
    value: webglSmall?.readbacks ?? null,
    limit: 1,
    unit: '',
    why: webglSmall ? `${webglSmall.readbacks} awaited data() call(s) per update` : 'webgl did not start',
  },
  {
    budget: `image lab: a temperature press repainted within 150 ms (auto backend ${auto}, astronaut, L = 5)`,
    value: lab.p95,
    limit: 150,
    unit: 'ms',
    why: `the lab's own T slider, the lab on screen: keydown to the first task after the frame that follows the lab's next result (rAF-based: raster not included), ${(lab.values ?? 0).toLocaleString('en')} values per press: p50 ${ms(lab.p50)}, p95 ${ms(lab.p95)} over ${lab.samples} presses (${lab.unpaired} without a result before the next press)`,
  },
  {
    budget: 'learned block codec: within 1 dB of the DCT lab at the same bpp <= 60 s (astronaut, auto backend)',
    value: learned.reached ? learned.reached.ms / 1000 : null,
    limit: 60,
    unit: 's',
    why: learned.reached
      ? `Play to the first whole-image evaluation within 1 dB: step ${learned.reached.steps}, ${format(learned.reached.bpp, 3)} bpp, ${format(learned.reached.psnr, 2)} dB against the DCT lab's ${format(learned.reached.dctPsnr, 2)} dB (its best at that rate or the nearest above: DCT points ${learned.dct.map((p) => `step ${p.step} ${format(p.bpp, 3)} bpp ${format(p.psnr, 2)} dB`).join(', ')})`
      : `not within ${learned.limitMs / 1000} s; closest: ${learned.best ? `${format(learned.best.gap, 2)} dB below the DCT lab at step ${learned.best.steps}` : 'no evaluation'}`,
  },
  {
    budget: 'learned block codec: training step time in the page (auto backend; reported, no limit set)',
    value: learned.stepMs,
    limit: null,
    unit: 'ms',
    why: `wall time per step while playing (yields to the page and whole-image evaluations included), over ${learned.stepsTaken} steps`,
  },
  dctCurveBudget(dctCurve),
  ...codingBudgets(labFiles),
  ...(codec ? codecBudgets(codec) : []),
  {
    budget: 'initial JavaScript <= 250 KB gzipped',
    value: js.gzipBytes / 1024,
    limit: 250,
    unit: 'KB',
    why: `${js.files.length} scripts fetched before the first complete view (entry, app chunk, tfjs, backend), gzipped from dist/`,
  },
  {
    budget: 'first complete view <= 1.5 s',
    value: firstView.medianMs / 1000,
    limit: 1.5,
    unit: 's',
    why: `median of ${firstView.runs} fresh browsers (${firstView.appMs.map((ms) => format(ms / 1000, 2)).join(', ')} s); the same view as static HTML with no script, in the same conditions, first paints at ${format(firstView.staticCopyMedianMs / 1000, 2)} s (${firstView.staticCopyMs.map((ms) => format(ms / 1000, 2)).join(', ')} s): the browser's own drawing of this content on ${appInfo.renderer ?? 'its renderer'}; in the main run's browser the ${auto} backend was ready at ${appInfo.backendReadyMs === null ? '?' : format(appInfo.backendReadyMs / 1000, 2)} s`,
  },
  {
    budget: 'first complete view over its static copy (the floor)',
    value: firstView.medianMs / firstView.staticCopyMedianMs,
    limit: null,
    unit: 'x',
    why: 'the medians above: the app over the same view as HTML and CSS alone',
  },
);
// a budget with `atLeast` is a floor (the value must reach the limit), every other one a ceiling
for (const b of budgets)
  b.met =
    b.value !== null &&
    b.value !== undefined &&
    (b.limit === null || (b.atLeast ? b.value >= b.limit : b.value <= b.limit)) &&
    // a budget may hold a second condition beside its number (the codec's MS-SSIM above JPEG's)
    b.alsoMet !== false;

console.log(`\napp: backend ${auto} (${appInfo.reason}); renderer ${appInfo.renderer ?? 'hidden'}`);
console.log(
  `Chromium ${browser.version()}; each gesture: ~${SETTLE_MS / 1000} s after the first view, 10 warm-up, 80 counted, 60 ms apart`,
);
console.log(
  '\ninteraction (ms)                     key: Event Timing        key: rAF-based   drag: EventLatency  drag: rAF-based',
);
const line = (name, g) =>
  console.log(
    `  ${name.padEnd(34)} p50 ${format(g.keyEventTiming.p50).padStart(5)} p95 ${format(g.keyEventTiming.p95).padStart(5)} (<16: ${String(g.keyEventTiming.underThreshold).padStart(2)})  p50 ${format(g.keyRaf.p50).padStart(5)} p95 ${format(g.keyRaf.p95).padStart(5)}  ${g.dragEventLatency ? `p50 ${format(g.dragEventLatency.p50).padStart(5)} p95 ${format(g.dragEventLatency.p95).padStart(5)}` : '-'}  ${g.dragRaf ? `p50 ${format(g.dragRaf.p50).padStart(5)} p95 ${format(g.dragRaf.p95).padStart(5)}` : '-'}`,
  );
line('bare page', floor);
for (const s of scenarios) line(s.name, s);
line('default view, figures not displayed', { ...hidden, dragRaf: null, dragEventLatency: null });
console.log(
  `  (Event Timing: keydown duration, input to next presented frame, 8 ms steps, a press under ${EVENT_TIMING_FLOOR_MS} ms counts as ${EVENT_TIMING_FLOOR_MS}; rAF-based: event to the first task after the next frame, main thread only, misses raster; drag: Chromium gives no Event Timing entry for pointermove, so its EventLatency trace events, input to presented frame)`,
);
console.log(
  `tensors after 1,000 updates: ${Object.entries(tensors)
    .map(([b, t]) => `${b} ${t.before} -> ${t.after}`)
    .join(', ')}`,
);
console.log('\nbudgets:');
for (const b of budgets) {
  const value = b.value === null || b.value === undefined ? 'not measured' : `${format(b.value, 2)}${b.unit}`;
  if (b.limit === null) {
    console.log(`  INFO ${b.budget}: ${value}`);
    if (b.why) console.log(`       how: ${b.why}`);
    continue;
  }
  console.log(
    `  ${b.met ? 'MET ' : 'MISS'} ${b.budget}: ${value} (limit ${format(b.limit, 2)}${b.unit}${b.met || b.value === null ? '' : `; ${format(b.value / b.limit, 1)}x the limit`})`,
  );
  if (b.why && (!b.met || b.budget.startsWith('learned'))) console.log(`       ${b.met ? 'how' : 'why'}: ${b.why}`);
}

const results = {
  date: new Date().toISOString(),
  quick,
  machine: {
    cpu: os.cpus()[0]?.model,
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()}`,
  },
  browser: `Chromium ${browser.version()}`,
  glRenderer: appInfo.renderer,
  interaction: {
    method: {
      keyEventTiming: `PerformanceObserver({type: 'event', buffered: true, durationThreshold: ${EVENT_TIMING_FLOOR_MS}}): the counted keydowns' duration (input to the next presented frame, 8 ms steps); a press with no entry took < ${EVENT_TIMING_FLOOR_MS} ms and counts as ${EVENT_TIMING_FLOOR_MS} (an upper bound)`,
      keyRaf:
        "keydown timeStamp to the first task after the frame that follows the store's next view (the bare page: the input event); main thread only, misses raster",
      dragEventLatency:
        "Chromium's EventLatency trace events (category input, MOUSE_DRAGGED) of the counted moves that reached a presented frame: the event's creation to the frame's presentation, raster and compositing included",
      dragRaf:
        "pointermove timeStamp (button down, on probe 2's handle) to the first task after the frame that follows the store's next view (the bare page: the pointermove); Chromium gives no Event Timing entry for pointermove; misses raster",
      gestures: `${SETTLE_MS} ms after the first view, 10 uncounted warm-up then 80 counted gestures 60 ms apart`,
    },
    floor,
    scenarios,
    figuresHidden: { keyEventTiming: hidden.keyEventTiming, keyRaf: hidden.keyRaf },
    imageLab: lab,
  },
  learnedCodec: learned,
  dctCurve,
  codec: codec ?? { skipped: '--no-codec' },
  labFiles: { timings: labFiles },
  app: {
    backend: auto,
    reason: appInfo.reason,
    firstViewMs: appInfo.firstViewMs,
    backendReadyMs: appInfo.backendReadyMs,
    firstView,
  },
  initialJavaScript: js,
  tensorsAfter1000Updates: tensors,
  measurements: rows,
  budgets: budgets.map(({ budget, value, limit, met, why, unit }) => ({ budget, value, limit, met, why, unit })),
};
await writeFile(path.join(root, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('\nwrote bench/results.json');
