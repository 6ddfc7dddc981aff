import { chromium } from 'playwright-core';
const [url, out, selector, scheme = 'light', width = '1400'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
});
const page = await browser.newPage({ viewport: { width: +width, height: 1000 }, colorScheme: scheme });
page.on('console', (m) => {
  if (m.type() === 'error' || m.type() === 'warning') console.log('console', m.type(), m.text());
});
page.on('pageerror', (e) => console.log('pageerror', e.message));
await page.goto(url);
await page.waitForSelector('[data-testid=probe-table]', { timeout: 30000 });
const el = page.locator(selector).first();
await el.scrollIntoViewIfNeeded();
if (process.env.CLICK) {
  for (const c of process.env.CLICK.split('|')) {
    await page.locator(c).first().click();
    await page.waitForTimeout(300);
  }
}
if (process.env.WAIT) await page.waitForTimeout(+process.env.WAIT);
await page.waitForTimeout(800);
await el.screenshot({ path: out });
await browser.close();
