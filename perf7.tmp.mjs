import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-dev-shm-usage','--use-angle=swiftshader','--enable-unsafe-swiftshader'] });
for (const port of process.argv.slice(2)) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForSelector('[data-testid=probe-table]');
  await page.waitForTimeout(3000);
  await page.getByRole('slider', { name: 'Temperature' }).focus();
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink'] });
  for (let k = 0; k < 30; k++) { await page.keyboard.press(k % 2 ? 'ArrowLeft' : 'ArrowRight'); await page.waitForTimeout(60); }
  const buf = await browser.stopTracing();
  const events = JSON.parse(buf.toString()).traceEvents;
  // main thread only: find renderer main thread tid via thread_name CrRendererMain
  const main = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain').map((e) => e.tid);
  const sums = new Map();
  for (const e of events) if (e.ph === 'X' && e.dur && main.includes(e.tid)) sums.set(e.name, (sums.get(e.name) || 0) + e.dur);
  console.log(port, [...sums.entries()].sort((a, b) => b[1] - a[1]).slice(0, 14).map(([k, v]) => `${(v / 30000).toFixed(1)} ${k}`).join(' | '));
  await page.close();
}
await browser.close();
