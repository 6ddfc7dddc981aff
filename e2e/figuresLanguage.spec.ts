import { readFile } from 'node:fs/promises';
import { expect, openApp, test } from './fixtures';

test('the figures follow the language switch: titles, axes, lanes, notes and the exported file', async ({ page }) => {
  await openApp(page);
  const heatmapTitle = page.locator('[data-figure="heatmap"] figcaption strong');
  await expect(heatmapTitle).toHaveText('Soft assignment p(c | w)');
  await page.getByTestId('language-switch').selectOption('zh');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  // every figure re-renders its text in place, without a reload
  await expect(heatmapTitle).toHaveText('软分配 p(c | w)');
  await expect(page.locator('[data-figure="curves"] figcaption strong')).toHaveText('前向值与回传的梯度');
  await expect(page.locator('[data-figure="arrows"] g.lane[data-estimator="hard"] text')).toHaveText('硬量化');
  await expect(page.locator('[data-figure="arrows"] .axis-label')).toHaveText('输入 w');
  await expect(page.locator('.probe-table caption')).toContainText('探针点：T = 1');
  await expect(page.locator('[data-figure="curves"] .figure-explain')).toContainText('阶梯函数');
  await expect(page.getByTestId('heatmap-readout')).toHaveText('悬停查看数值');
  // the exported figure carries its title and axes in the page's language; the file name stays
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '将热力图导出为 SVG' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('quantization-playground-heatmap.svg');
  const markup = await readFile(await download.path(), 'utf8');
  expect(markup).toContain('软分配 p(c | w)');
  expect(markup).toContain('输入 w');
  // and back
  await page.getByTestId('language-switch').selectOption('en');
  await expect(heatmapTitle).toHaveText('Soft assignment p(c | w)');
  await expect(page.locator('[data-figure="arrows"] g.lane[data-estimator="hard"] text')).toHaveText('hard');
});
