import { chromium } from 'playwright-core';
const port = process.argv[2] || '4174';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-dev-shm-usage','--use-angle=swiftshader','--enable-unsafe-swiftshader'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto(`http://127.0.0.1:${port}/`);
await page.waitForSelector('[data-testid=probe-table]');
await page.waitForTimeout(1500);
await page.getByRole('slider', { name: 'Temperature' }).focus();
await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
for (let k = 0; k < 20; k++) {
  await page.keyboard.press(k % 2 ? 'ArrowLeft' : 'ArrowRight');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}
const buf = await browser.stopTracing();
const events = JSON.parse(buf.toString()).traceEvents;
const sums = new Map();
for (const e of events) if (e.ph === 'X' && e.dur) sums.set(e.name, (sums.get(e.name) || 0) + e.dur);
console.log([...sums.entries()].sort((a, b) => b[1] - a[1]).slice(0, 22).map(([k, v]) => `${(v / 20000).toFixed(1).padStart(7)} ms/press ${k}`).join('\n'));
await browser.close();
