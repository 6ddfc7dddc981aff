/**
 * The first complete view, against its floor: the same view as static HTML.
 *
 * Each run launches a fresh Chromium (the bench's flags, software WebGL), shows the bare page
 * first as `npm run bench` does, then opens one page:
 * - the app: load to the first frame after its first complete view (`installProbes`'s clock);
 * - the static copy: the app's markup at that moment, with its stylesheets and no script at all,
 *   load to its first contentful paint. It is what this browser needs to draw the same view, and
 *   no code can show the view sooner.
 * On a software renderer most of both is the GPU process drawing its first frames of this
 * content (SwiftShader compiling what the page's boxes, borders and text need); a browser that
 * has drawn the page before shows it in about a third of the time.
 *
 * Alone: `npx vite build --mode e2e && node bench/firstView.mjs [dist] [runs]`.
 */
import { chromium } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { FLOOR_HTML, installProbes, quantiles } from './interaction.mjs';
import { serve } from './serve.mjs';

/** index.html with the view's markup in #root, the stylesheets the view had, and no script. */
function staticCopy(indexHtml, rootHtml, stylesheets) {
  const links = stylesheets.map((href) => `<link rel="stylesheet" href="${href}">`).join('');
  return indexHtml
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<link rel="modulepreload"[^>]*>/g, '')
    .replace('</head>', `${links}</head>`)
    .replace('<div id="root"></div>', () => `<div id="root">${rootHtml}</div>`);
}

/** One fresh browser: the bare page, then `open(page)` on a new page. */
async function freshRun(flags, server, open) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...flags.base, ...flags.softwareWebGL],
  });
  try {
    const base = `http://127.0.0.1:${server.address().port}`;
    const bare = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await bare.goto(`${base}/bench-floor.html`);
    await bare.waitForTimeout(2000);
    // a few frames of its own, as the bench's gestures on it give
    await bare.locator('input').focus();
    for (let press = 0; press < 10; press++) await bare.keyboard.press('ArrowRight');
    await bare.close();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    return await open(page, base);
  } finally {
    await browser.close();
  }
}

/**
 * Medians over `runs` fresh browsers of the app's first complete view and of its static copy's
 * first contentful paint (ms, from navigation start).
 */
export async function measureFirstView({ dist, flags, query = '', runs = 3 }) {
  const pages = { '/bench-floor.html': FLOOR_HTML };
  const server = await serve(dist, pages);
  try {
    const app = [];
    let markup = null;
    for (let run = 0; run < runs; run++) {
      const result = await freshRun(flags, server, async (page, base) => {
        await page.addInitScript(installProbes, 16);
        await page.goto(`${base}/${query}`);
        await page.waitForFunction(() => window.__bench.firstViewHtml !== null, null, { timeout: 60_000 });
        return page.evaluate(() => ({
          ms: window.__bench.firstViewMs,
          html: window.__bench.firstViewHtml,
          stylesheets: performance
            .getEntriesByType('resource')
            .filter((entry) => entry.name.endsWith('.css') && entry.startTime <= window.__bench.firstViewMs)
            .map((entry) => new URL(entry.name).pathname),
        }));
      });
      app.push(result.ms);
      markup ??= result;
    }
    pages['/bench-static.html'] = staticCopy(
      await readFile(path.join(dist, 'index.html'), 'utf8'),
      markup.html,
      markup.stylesheets,
    );
    const copy = [];
    for (let run = 0; run < runs; run++) {
      copy.push(
        await freshRun(flags, server, async (page, base) => {
          await page.goto(`${base}/bench-static.html`);
          const paint = await page.waitForFunction(
            () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
            null,
            { timeout: 60_000 },
          );
          return paint.jsonValue();
        }),
      );
    }
    const median = (values) => quantiles(values).p50;
    return {
      runs,
      appMs: app,
      staticCopyMs: copy,
      medianMs: median(app),
      staticCopyMedianMs: median(copy),
      stylesheets: markup.stylesheets,
      staticCopyBytes: pages['/bench-static.html'].length,
    };
  } finally {
    server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  const flags = JSON.parse(await readFile(path.join(root, 'e2e/chromium-args.json'), 'utf8'));
  const dist = path.resolve(root, process.argv[2] ?? 'dist');
  const result = await measureFirstView({ dist, flags, runs: Number(process.argv[3] ?? 3) });
  console.log(
    `first view: median ${Math.round(result.medianMs)} ms (${result.appMs.map(Math.round).join(', ')}); ` +
      `its static copy, first contentful paint: median ${Math.round(result.staticCopyMedianMs)} ms ` +
      `(${result.staticCopyMs.map(Math.round).join(', ')}); ratio ${(result.medianMs / result.staticCopyMedianMs).toFixed(2)}`,
  );
}
