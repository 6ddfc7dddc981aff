import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-dev-shm-usage','--use-angle=swiftshader','--enable-unsafe-swiftshader'] });
const variants = ['.figures > .card, .probes {will-change:transform}', '.figures > .card, .probes {will-change:transform} .term{border-bottom-style:solid !important}', '.card{will-change:transform} .term{border-bottom-style:solid !important}'];
for (const css of variants) for (const rep of [0, 1]) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`http://127.0.0.1:4174/`);
  await page.waitForSelector('[data-testid=probe-table]');
  if (css) await page.addStyleTag({ content: css });
  await page.waitForTimeout(2500);
  await page.evaluate(() => { window.__paints = []; let pressed = null; addEventListener('keydown', () => (pressed = performance.now()), true);
    window.quantizationPlayground.store.subscribe((s, p) => { if (s.view === p.view || pressed === null) return; const t0 = pressed; pressed = null;
      requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => window.__paints.push(performance.now() - t0); c.port2.postMessage(0); }); }); });
  await page.getByRole('slider', { name: 'Temperature' }).focus();
  for (let k = 0; k < 40; k++) { await page.keyboard.press(k % 2 ? 'ArrowLeft' : 'ArrowRight'); await page.waitForTimeout(60); }
  const paints = await page.evaluate(() => window.__paints);
  const s = paints.slice().sort((a, b) => a - b);
  console.log(JSON.stringify(css).padEnd(50), 'p50', s[Math.floor(s.length / 2)].toFixed(0), 'p95', s[Math.floor(s.length * 0.95)].toFixed(0));
  await page.close();
}
await browser.close();
