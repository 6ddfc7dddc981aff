import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-dev-shm-usage','--use-angle=swiftshader','--enable-unsafe-swiftshader'] });
for (const css of ['', '.explain{display:none}', '.katex{display:none}', '.figure-explain{display:none}', '.explain{display:none} .figure-explain{display:none} .walkthrough{display:none}']) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto('http://127.0.0.1:4174/');
  await page.waitForSelector('[data-testid=probe-table]');
  if (css) await page.addStyleTag({ content: css });
  await page.waitForTimeout(1500);
  await page.getByRole('slider', { name: 'Temperature' }).focus();
  const times = [];
  for (let k = 0; k < 40; k++) {
    const t = await page.evaluate(() => new Promise((resolve) => {
      const start = performance.now();
      const el = document.activeElement;
      el.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
      resolve(0);
    }));
    const t0 = Date.now();
    await page.keyboard.press(k % 2 ? 'ArrowLeft' : 'ArrowRight');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    times.push(Date.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify(css), 'p50', times[20], 'p90', times[36]);
  await page.close();
}
await browser.close();
