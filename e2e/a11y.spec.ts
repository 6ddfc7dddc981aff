import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

// axe-core's WCAG 2.1 A and AA rules over the whole page with every section loaded, in light and
// dark on a desktop and on a phone's width. A violation is reported with its rule and elements.
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

type Result = { id: string; nodes: { target: string[] }[] };

async function violations(page: Page): Promise<string[]> {
  const { found, labelInNameChecked } = await page.evaluate(async () => {
    const { axe } = window as unknown as { axe: { run: (context: Document, options: object) => Promise<unknown> } };
    const result = (await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      // WCAG 2.5.3 (label in name) is an experimental rule in axe: on by name
      rules: { 'label-content-name-mismatch': { enabled: true } },
    })) as { violations: Result[]; passes: Result[] };
    return {
      found: result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      labelInNameChecked: result.passes.some((rule) => rule.id === 'label-content-name-mismatch'),
    };
  });
  expect(labelInNameChecked, 'axe checked that names contain the visible labels').toBe(true);
  return found;
}

// axe is injected as a script: the page's Content-Security-Policy allows none from a test
test.use({ bypassCSP: true });

test('axe finds no WCAG 2.1 A or AA violation: light and dark, desktop and phone', async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page);
  // every lazy part in: the teaching sections, and the image lab with its first result
  await page.locator('#image-lab').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('lab-bpp')).toBeVisible({ timeout: 60_000 });
  await page.addScriptTag({ path: AXE });
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await violations(page), 'light, 1280 px').toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await violations(page), 'dark, 390 px').toEqual([]);
});
