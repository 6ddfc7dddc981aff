// Interaction latency for `npm run bench`: the browser's Event Timing API for key presses, and a
// rAF-based clock for the probe drag (Chromium gives no Event Timing entry for pointermove).

/** Event Timing's smallest durationThreshold (ms): a press with no entry took less than this. */
export const EVENT_TIMING_FLOOR_MS = 16;

/**
 * Installed with page.addInitScript, before any page script. Writes `window.__bench`:
 * - `events`: every Event Timing entry ({name, startTime, duration} ms) of at least `threshold` ms;
 * - `keys` / `moves`: the timeStamp (ms) of each counted keydown / pointermove with a button down;
 * - `keyPaints` / `movePaints`: rAF-based latency (ms) from that timeStamp to the first task after
 *   the frame that follows the update: on the app, the store's next `view`; on the bare page,
 *   whose handlers draw synchronously, the event itself. This clock sees the main thread only
 *   (JavaScript, style, layout, paint recording), not raster and compositing, which Event Timing
 *   includes.
 * - `firstViewMs`: on the app, load to the first frame after the first complete view;
 *   `firstViewHtml`: the page's markup at that moment.
 */
export function installProbes(threshold) {
  const start = performance.now();
  const bench = {
    start,
    firstViewMs: null,
    firstViewHtml: null,
    counting: false,
    events: [],
    keys: [],
    moves: [],
    keyPaints: [],
    movePaints: [],
    unpaired: { keys: 0, moves: 0 },
  };
  window.__bench = bench;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      bench.events.push({ name: e.name, startTime: e.startTime, duration: e.duration });
  }).observe({ type: 'event', buffered: true, durationThreshold: threshold });
  const afterPaint = (callback) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = callback;
      channel.port2.postMessage(0);
    });
  let pendingKey = null;
  let pendingMove = null;
  const settle = (kind) => {
    const t0 = kind === 'key' ? pendingKey : pendingMove;
    if (t0 === null) return;
    if (kind === 'key') pendingKey = null;
    else pendingMove = null;
    afterPaint(() => (kind === 'key' ? bench.keyPaints : bench.movePaints).push(performance.now() - t0));
  };
  const app = () => window.quantizationPlayground;
  addEventListener(
    'keydown',
    (event) => {
      if (!bench.counting) return;
      if (pendingKey !== null) bench.unpaired.keys++;
      bench.keys.push(event.timeStamp);
      pendingKey = event.timeStamp;
    },
    true,
  );
  addEventListener(
    'pointermove',
    (event) => {
      if (!bench.counting || !event.buttons) return;
      if (pendingMove !== null) bench.unpaired.moves++;
      bench.moves.push(event.timeStamp);
      pendingMove = event.timeStamp;
    },
    true,
  );
  // the bare page: its handlers (on the element) have run when the event bubbles to the window
  addEventListener('input', () => !app() && settle('key'));
  addEventListener('pointermove', () => !app() && settle('move'));
  // polled by timer, not rAF: a rAF loop would make the bare page produce a frame every vsync
  const watch = () => {
    const hook = app();
    if (!hook || !hook.store.getState().view) {
      if (performance.now() - start < 60_000) setTimeout(watch, 5);
      return;
    }
    afterPaint(() => {
      bench.firstViewMs = performance.now() - start + performance.timeOrigin - performance.timing.navigationStart;
      // after the clock is read: the view as markup, for the static copy (bench/firstView.mjs)
      bench.firstViewHtml = document.getElementById('root')?.innerHTML ?? null;
    });
    hook.store.subscribe((state, previous) => {
      if (state.view === previous.view) return;
      settle('key');
      settle('move');
    });
  };
  setTimeout(watch, 0);
}

/**
 * The bare page: one range input, one number, one 512-point SVG path that a key press or a drag
 * of its handle redraws, and nothing else. What this browser and renderer cost anyway.
 */
export const FLOOR_HTML = `<!doctype html><meta charset="utf-8"><title>floor</title>
<input type="range" aria-label="Temperature" min="0" max="100" value="50"><output>50</output>
<svg width="1200" height="800"><path stroke="black" fill="none"/>
<g data-probe-handle="2"><circle class="probe-handle" cx="600" cy="400" r="8" fill="steelblue"/></g></svg>
<script>
const path = document.querySelector('path');
const circle = document.querySelector('circle');
const draw = (value) => {
  let d = 'M0,400';
  for (let i = 0; i < 512; i++) d += 'L' + i * 2.3 + ',' + (400 + 300 * Math.sin(i / 20 + value));
  path.setAttribute('d', d);
};
draw(50);
document.querySelector('input').addEventListener('input', (event) => {
  const value = Number(event.target.value);
  document.querySelector('output').textContent = value;
  draw(value);
});
circle.addEventListener('pointerdown', (event) => circle.setPointerCapture(event.pointerId));
circle.addEventListener('pointermove', (event) => {
  if (!circle.hasPointerCapture(event.pointerId)) return;
  const x = event.clientX - circle.ownerSVGElement.getBoundingClientRect().left;
  circle.setAttribute('cx', x);
  draw(x / 10);
});
</script>`;

/**
 * Key presses on the Temperature slider: `warmup` uncounted, then `count` counted, `gapMs` apart,
 * alternating right and left so the value stays put.
 */
export async function pressKeys(page, { warmup = 10, count = 80, gapMs = 60 } = {}) {
  await page.getByRole('slider', { name: 'Temperature' }).focus();
  for (let k = 0; k < warmup + count; k++) {
    if (k === warmup) await page.evaluate(() => (window.__bench.counting = true));
    await page.keyboard.press(k % 2 ? 'ArrowLeft' : 'ArrowRight');
    await page.waitForTimeout(gapMs);
  }
  await page.evaluate(() => (window.__bench.counting = false));
}

/**
 * Drags the curves figure's probe 2 handle (or the bare page's): press, `warmup` uncounted moves,
 * `count` counted moves `gapMs` apart, release. Moves of 6 px, zig-zag over 60 px, one
 * pointermove each.
 */
export async function dragProbe(page, { warmup = 10, count = 80, gapMs = 60 } = {}) {
  const handle = page.locator('[data-probe-handle="2"] .probe-handle');
  await handle.scrollIntoViewIfNeeded();
  const box = await handle.boundingBox();
  if (!box) throw new Error('probe handle 2 has no box');
  const x0 = box.x + box.width / 2;
  const y0 = box.y + box.height / 2;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (let k = 0; k < warmup + count; k++) {
    if (k === warmup) await page.evaluate(() => (window.__bench.counting = true));
    const phase = (k + 1) % 20;
    await page.mouse.move(x0 + 6 * (phase <= 10 ? phase : 20 - phase), y0);
    await page.waitForTimeout(gapMs);
  }
  await page.evaluate(() => (window.__bench.counting = false));
  await page.mouse.up();
  await page.waitForTimeout(300);
}

/** p50 / p95 (nearest rank, rounded down) of `values`; null where there are none. */
export function quantiles(values) {
  const sorted = values.slice().sort((a, b) => a - b);
  const at = (q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : null);
  return { p50: at(0.5), p95: at(0.95), samples: sorted.length };
}

/**
 * The counted keydowns' Event Timing durations (ms). A keydown's entry has startTime equal to the
 * event's timeStamp; a press with no entry took less than the threshold and enters the
 * percentiles as the threshold, an upper bound.
 */
export function keyEventTiming(bench) {
  const entries = bench.events.filter((e) => e.name === 'keydown');
  let underThreshold = 0;
  const durations = bench.keys.map((t) => {
    const entry = entries.find((e) => Math.abs(e.startTime - t) < 0.5);
    if (entry) return entry.duration;
    underThreshold++;
    return EVENT_TIMING_FLOOR_MS;
  });
  return { ...quantiles(durations), underThreshold, seriesMs: durations };
}

/** Event Timing entries by name from `from` (ms, page clock) on: how many, p50, max duration. */
export function entriesByName(bench, from) {
  const byName = {};
  for (const e of bench.events.filter((e) => e.startTime >= from)) (byName[e.name] ??= []).push(e.duration);
  return Object.fromEntries(
    Object.entries(byName).map(([name, d]) => [name, { count: d.length, p50: quantiles(d).p50, max: Math.max(...d) }]),
  );
}

/**
 * Chromium's EventLatency trace events (category `input`), paired begin/end by id, with the time
 * of each stage nested inside. Chromium gives no Event Timing entry for pointermove, so a drag is
 * measured by these: from the event's creation in the browser process to the presentation of the
 * frame it caused, raster and compositing included.
 */
export function eventLatencies(trace) {
  const events = (trace.traceEvents ?? trace).filter((e) => e.ph === 'b' || e.ph === 'e');
  events.sort((a, b) => a.ts - b.ts);
  const open = new Map();
  const spans = [];
  for (const e of events) {
    const key = `${e.name}|${e.id2?.local ?? e.id2?.global ?? e.id}`;
    if (e.ph === 'b') open.set(key, e);
    else if (open.has(key)) {
      const begin = open.get(key);
      open.delete(key);
      spans.push({ name: e.name, id: key.split('|')[1], ts: begin.ts, ms: (e.ts - begin.ts) / 1000, args: begin.args });
    }
  }
  const latencies = spans
    .filter((s) => s.name === 'EventLatency')
    .map((s) => ({ type: s.args?.event_latency?.event_type ?? '?', ts: s.ts, ms: s.ms, id: s.id, stages: {} }));
  for (const s of spans) {
    if (s.name === 'EventLatency') continue;
    const owner = latencies.find((l) => l.id === s.id && s.ts >= l.ts && s.ts <= l.ts + l.ms * 1000);
    if (owner) owner.stages[s.name] = (owner.stages[s.name] ?? 0) + s.ms;
  }
  return latencies.sort((a, b) => a.ts - b.ts);
}

/**
 * dragProbe under a trace: the counted moves' EventLatency (input to presented frame), skipping
 * the warm-up moves. Moves that caused no presented frame (coalesced, or ended on the main
 * thread) are counted as unreported.
 */
export async function tracedDrag(browser, page, options = {}) {
  const warmup = options.warmup ?? 10;
  const count = options.count ?? 80;
  await browser.startTracing(page, { categories: ['input'] });
  await dragProbe(page, { ...options, warmup, count });
  const trace = JSON.parse((await browser.stopTracing()).toString());
  const moves = eventLatencies(trace).filter((l) => l.type === 'MOUSE_DRAGGED');
  const counted = moves.slice(warmup).filter((l) => 'SwapStartToPresentation' in l.stages);
  return { ...quantiles(counted.map((l) => l.ms)), unreported: count - counted.length, sent: count };
}

/**
 * Presses on the lab's T slider with the image lab on screen: each keydown's timeStamp to the first task
 * after the frame that follows the lab's next result (the rAF-based clock: the lab's image is
 * repainted in that frame; raster is not in it). Each press waits for its result (up to 10 s),
 * then `gapMs`, so that presses are measured one at a time.
 */
export async function labPresses(page, { warmup = 3, count = 20, gapMs = 150 } = {}) {
  await page.evaluate(() => {
    const lab = { presses: [], paints: [] };
    window.__lab = lab;
    document.addEventListener('keydown', (event) => lab.counting && lab.presses.push(event.timeStamp), true);
    const store = window.quantizationPlayground.store;
    let last = store.getState().lab.result;
    store.subscribe((state) => {
      if (state.lab.result === last) return;
      last = state.lab.result;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => lab.paints.push(performance.now());
        channel.port2.postMessage(0);
      });
    });
  });
  // the lab's own T slider, with the lab's controls at the top of the screen and its views below:
  // what a person pressing T sees (the explorer's slider is a page away; focusing it scrolls the
  // lab off screen, where the lab only catches up after the page has been quiet)
  await page.evaluate(() => document.querySelector('.lab-quantizer')?.scrollIntoView({ block: 'start' }));
  await page.getByRole('slider', { name: 'Lab T' }).focus();
  const onScreen = await page.evaluate(() => window.quantizationPlayground.store.getState().onScreen.lab);
  if (!onScreen) throw new Error('the image lab is not on screen: its presses would not be measured');
  for (let k = 0; k < warmup + count; k++) {
    if (k === warmup) await page.evaluate(() => (window.__lab.counting = true));
    const painted = await page.evaluate(() => window.__lab.paints.length);
    await page.keyboard.press(k % 2 ? 'ArrowLeft' : 'ArrowRight');
    await page
      .waitForFunction((n) => window.__lab.paints.length > n, painted, { timeout: 10_000 })
      .catch(() => undefined);
    await page.waitForTimeout(gapMs);
  }
  const { presses, paints } = await page.evaluate(() => window.__lab);
  const latencies = [];
  let unpaired = 0;
  for (const [k, press] of presses.entries()) {
    const next = presses[k + 1] ?? Infinity;
    const paint = paints.find((t) => t > press && t < next);
    if (paint === undefined) unpaired++;
    else latencies.push(paint - press);
  }
  return { ...quantiles(latencies), unpaired };
}

/**
 * The learned block codec trained in the page (issue 14): Play in the lab, then its evaluations
 * of the whole image (hard symbols: bpp, PSNR) against the DCT lab's curve over L on the same
 * image. Returns the in-page step time (wall time per step while playing: yields to the page and
 * evaluations included) and the time from Play to the first evaluation within `withinDb` of
 * the DCT curve's PSNR at the same bpp (linear between its points; beyond its ends, the end's
 * PSNR), or null if none within `limitMs`.
 */
export async function learnedToDct(page, { limitMs = 120_000, withinDb = 1 } = {}) {
  await page.locator('#image-lab').scrollIntoViewIfNeeded();
  await page.waitForFunction(
    () => window.quantizationPlayground.store.getState().lab.curves.filter((p) => p.transform === 'dct').length >= 7,
    null,
    { timeout: 300_000 },
  );
  const dct = await page.evaluate(() =>
    window.quantizationPlayground.store
      .getState()
      .lab.curves.filter((p) => p.transform === 'dct')
      .map(({ bpp, psnr, centerCount }) => ({ bpp, psnr, centerCount })),
  );
  await page.evaluate(() => {
    const record = { steps: [], evaluations: [] };
    window.__learned = record;
    const store = window.quantizationPlayground.store;
    let last = store.getState().learned;
    store.subscribe((state) => {
      const now = performance.now();
      const learned = state.learned;
      if (learned.step !== last.step) record.steps.push([now, learned.step]);
      if (learned.evaluation && learned.evaluation !== last.evaluation)
        record.evaluations.push({ t: now, ...learned.evaluation });
      last = learned;
    });
  });
  const started = await page.evaluate(() => performance.now());
  await page.locator('#image-lab').getByRole('button', { name: 'Play', exact: true }).click();
  // the DCT lab's operational curve: the points no other point beats at a lower or equal rate
  // (the app's even L have no zero center, so their DCT points are far worse at a higher rate)
  const sorted = [...dct]
    .sort((a, b) => a.bpp - b.bpp)
    .filter((p, k, all) => all.slice(0, k).every((q) => q.psnr < p.psnr));
  const dctAt = (bpp) => {
    if (bpp <= sorted[0].bpp) return sorted[0].psnr;
    for (let k = 1; k < sorted.length; k++) {
      const [a, b] = [sorted[k - 1], sorted[k]];
      if (bpp <= b.bpp) return a.psnr + ((b.psnr - a.psnr) * (bpp - a.bpp)) / Math.max(1e-12, b.bpp - a.bpp);
    }
    return sorted[sorted.length - 1].psnr;
  };
  let reached = null;
  let best = null;
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline && reached === null) {
    await page.waitForTimeout(1000);
    const { evaluations, playing } = await page.evaluate(() => ({
      evaluations: window.__learned.evaluations,
      playing: window.quantizationPlayground.store.getState().learned.playing,
    }));
    for (const e of evaluations) {
      if (e.psnr === null) continue;
      const gap = dctAt(e.bpp) - e.psnr;
      if (best === null || gap < best.gap) best = { gap, steps: e.steps, bpp: e.bpp, psnr: e.psnr };
      if (gap <= withinDb && reached === null)
        reached = { ms: e.t - started, steps: e.steps, bpp: e.bpp, psnr: e.psnr, dctPsnr: dctAt(e.bpp) };
    }
    if (!playing && evaluations.length > 0) break; // it stopped itself (cap, NaN, no progress)
  }
  const { steps } = await page.evaluate(() => window.__learned);
  const pause = page.locator('#image-lab').getByRole('button', { name: 'Pause', exact: true });
  if (await pause.isVisible()) await pause.click();
  const span = steps.length > 1 ? steps[steps.length - 1] : null;
  const stepMs = span && steps[0][1] !== span[1] ? (span[0] - steps[0][0]) / (span[1] - steps[0][1]) : null;
  return { stepMs, stepsTaken: span ? span[1] : 0, reached, best, dct: sorted, limitMs };
}
