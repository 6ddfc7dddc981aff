import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-dev-shm-usage','--use-angle=swiftshader','--enable-unsafe-swiftshader'] });
for (const port of process.argv.slice(2)) for (const rep of [0, 1]) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(() => {
    window.__paints = []; let pressed = null;
    addEventListener('keydown', () => (pressed = performance.now()), true);
    const watch = () => { const hook = window.quantizationPlayground; if (!hook || !hook.store.getState().view) return void requestAnimationFrame(watch);
      window.__first = performance.now();
      hook.store.subscribe((s, p) => { if (s.view === p.view || pressed === null) return; const t0 = pressed; pressed = null;
        requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => window.__paints.push(performance.now() - t0); c.port2.postMessage(0); }); }); };
    requestAnimationFrame(watch);
  });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => window.__first !== undefined);
  await page.getByRole('slider', { name: 'Temperature' }).focus();
  for (let k = 0; k < 60; k++) { await page.keyboard.press(k % 2 ? 'ArrowLeft' : 'ArrowRight'); await page.waitForTimeout(60); }
  const { paints, first } = await page.evaluate(() => ({ paints: window.__paints, first: window.__first }));
  const s = paints.slice().sort((a, b) => a - b);
  console.log(port, 'first', first.toFixed(0), 'p50', s[Math.floor(s.length / 2)].toFixed(0), 'p95', s[Math.floor(s.length * 0.95)].toFixed(0), 'first10', paints.slice(0, 10).map((x) => x.toFixed(0)).join(' '), 'last10', paints.slice(-10).map((x) => x.toFixed(0)).join(' '));
  await page.close();
}
await browser.close();
