import { expect, historyWritten, openApp, test } from './fixtures';

// The page in Chinese: header, status line, controls and notices; the switch and Back; phone width.

test('lang=zh shows the header, status line, controls and notices in Chinese; the switch and Back change it', async ({
  page,
}) => {
  await openApp(page, '?lang=zh&temperature=abc');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page).toHaveTitle('量化游乐场');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('量化游乐场');
  await expect(page.locator('.status')).toContainText('后端');
  await expect(page.locator('.status')).toContainText('上次更新');
  await expect(page.getByRole('slider', { name: '温度' })).toHaveAttribute('aria-valuetext', 'T = 1');
  await expect(page.getByRole('button', { name: '复制链接' })).toBeVisible();
  await expect(page.getByRole('button', { name: '导出数据' })).toBeVisible();
  const notice = page.getByTestId('notice');
  await expect(notice).toHaveText(/^temperature 必须是有限数；已使用 1/);
  await expect(notice.getByRole('button', { name: '关闭提示' })).toBeVisible();

  // the switch: English, and the notice already shown is re-read in it; the link says lang=en
  const languageSwitch = page.getByTestId('language-switch');
  await languageSwitch.selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page).toHaveTitle('Quantization Playground');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Quantization Playground');
  await expect(page.locator('.status')).toContainText('Backend');
  await expect(page.getByRole('slider', { name: 'Temperature' })).toBeVisible();
  await expect(notice).toHaveText(/^temperature must be a finite number; used 1/);
  await historyWritten(page);
  expect(new URL(page.url()).searchParams.get('lang')).toBe('en');

  await languageSwitch.selectOption('zh');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('量化游乐场');
  await historyWritten(page);
  expect(new URL(page.url()).searchParams.get('lang')).toBe('zh');

  // Back returns the previous language, and Forward the next
  await page.goBack();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Quantization Playground');
  await expect(languageSwitch).toHaveValue('en');
  await page.goForward();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('slider', { name: '温度' })).toBeVisible();
});

test('at phone width in Chinese nothing is wider than the screen or its box', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page, '?lang=zh&temperature=abc&probes=1,x');
  await expect(page.getByRole('heading', { level: 2, name: '量化器', exact: true })).toBeVisible();
  const overflow = await page.evaluate(() => {
    const width = window.innerWidth;
    const found: string[] = [];
    for (const element of document.querySelectorAll('.app-header *, .sidebar *')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      const name = `${element.tagName.toLowerCase()}.${element.className} "${(element.textContent ?? '').slice(0, 30)}"`;
      if (box.left < -0.5 || box.right > width + 0.5) found.push(`${name}: off screen [${box.left}, ${box.right}]`);
      // a text field scrolls its own text; every other box holds what is in it
      const scrolls = element instanceof HTMLInputElement || getComputedStyle(element).overflowX !== 'visible';
      if (!scrolls && element.scrollWidth > element.clientWidth + 1 && element.clientWidth > 0) {
        found.push(`${name}: content ${element.scrollWidth} px in a ${element.clientWidth} px box`);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, width, found };
  });
  expect(overflow.found).toEqual([]);
  expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.width);
  // the whole page, once the teaching sections and the image lab (with its plot) are there
  await page.locator('#image-lab').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('lab-bpp')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('.rd-current').first()).toBeVisible({ timeout: 30_000 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
