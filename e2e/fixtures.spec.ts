import { expect, openApp, test } from './fixtures';

// The shared page (fixtures.ts): what one test changes does not reach the next.
test.describe.configure({ mode: 'serial' });

let first: unknown = null;

test('a test may change the shared page: viewport, permissions, routes', async ({ page }) => {
  first = page;
  await page.setViewportSize({ width: 390, height: 844 });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.route('**/images/chelsea.png', (route) => route.fulfill({ body: 'routed' }));
  await openApp(page);
  expect(await page.evaluate(() => fetch('images/chelsea.png').then((r) => r.text()))).toBe('routed');
});

test('the next test gets the same page as new', async ({ page }) => {
  expect(page).toBe(first);
  expect(page.url()).toBe('about:blank');
  expect(page.viewportSize()).toEqual(test.info().project.use.viewport);
  await openApp(page);
  expect(await page.evaluate(() => fetch('images/chelsea.png').then((r) => r.headers.get('content-type')))).toBe(
    'image/png',
  );
  const permission = await page.evaluate(
    async () => (await navigator.permissions.query({ name: 'clipboard-read' as PermissionName })).state,
  );
  expect(permission).not.toBe('granted');
});

test('a page that ran an init script is not reused', async ({ page }) => {
  first = page;
  await page.addInitScript(() => Object.assign(window, { marked: true }));
  await openApp(page);
  expect(await page.evaluate(() => 'marked' in window)).toBe(true);
});

test('after an init script the next test gets a new page', async ({ page }) => {
  expect(page).not.toBe(first);
  await openApp(page);
  expect(await page.evaluate(() => 'marked' in window)).toBe(false);
});
