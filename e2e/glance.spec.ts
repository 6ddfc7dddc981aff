import { expect, openApp, test } from './fixtures';

// Teaching at a glance (#20): the slider and what it changes on one screen, links that land,
// embeds that fit.

/** A projector, a laptop at 150 % zoom, a phone. */
const SIZES = [
  [1280, 720],
  [853, 480],
  [390, 844],
] as const;

for (const [width, height] of SIZES) {
  test(`at ${width} x ${height} the temperature slider and the derivative panel are in view together`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height });
    await openApp(page);
    const panel = page.getByTestId('derivative-panel');
    await panel.scrollIntoViewIfNeeded();
    await expect(panel).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole('slider', { name: 'Temperature' })).toBeInViewport({ ratio: 1 });
    await expect(page.getByLabel('Temperature value')).toBeInViewport({ ratio: 1 });
    // the pinned strip does not cover the panel
    const strip = await page.getByTestId('control-strip').boundingBox();
    const box = await panel.boundingBox();
    expect(box && strip && box.y >= strip.y + strip.height).toBe(true);
    // and nothing scrolls sideways
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  });
}

test('a dragged temperature lands on 1-2-5 values; keys and the text field stay exact', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  const slider = page.getByRole('slider', { name: 'Temperature' });
  const box = await slider.boundingBox();
  if (!box) throw new Error('the temperature slider has no box');
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width / 2, y);
  await page.mouse.down();
  for (const dx of [-23, -61, -97]) {
    await page.mouse.move(box.x + box.width / 2 + dx, y, { steps: 3 });
    const text = (await slider.getAttribute('aria-valuetext')) ?? '';
    expect(text).toMatch(/^T = (0\.0*)?[125]0*$/);
  }
  await page.mouse.up();
  const dragged = Number((await slider.getAttribute('aria-valuetext'))?.slice(4));
  expect(dragged).toBeLessThan(1);
  // a key press steps 0.05 decades exactly, off the 1-2-5 grid
  await slider.focus();
  await slider.press('ArrowRight');
  const stepped = Number((await slider.getAttribute('aria-valuetext'))?.slice(4));
  expect(stepped).toBeCloseTo(Number((dragged * 10 ** 0.05).toPrecision(4)), 6);
  const field = page.getByLabel('Temperature value');
  await field.fill('0.002239');
  await field.press('Enter');
  await expect(slider).toHaveAttribute('aria-valuetext', 'T = 0.002239');
});

test('links to #pitfall and #image-lab land at their sections once the lazy parts are in', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/?v=1&seedline=written#pitfall');
  await expect(page.locator('#pitfall')).toBeInViewport();
  await page.goto('/?v=1&temperature=0.05&image=chelsea#image-lab');
  await expect(page.locator('#image-lab')).toBeInViewport();
  await expect(page.getByTestId('lab-bpp')).toBeVisible({ timeout: 30_000 });
  // still there once the lab has drawn: the section's top is just below the pinned strip
  const strip = await page.getByTestId('control-strip').boundingBox();
  const lab = await page.locator('#image-lab').boundingBox();
  expect(lab && strip && Math.abs(lab.y - (strip.y + strip.height)) < 40).toBe(true);
});

test('"Copy link" can add the section in view', async ({ page }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page, '?temperature=2');
  await page.getByRole('checkbox', { name: /section in view/ }).check();
  await page.locator('#arrows').evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await page.getByRole('button', { name: 'Copy link' }).evaluate((button: HTMLElement) => button.click());
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/\?v=1&temperature=2#arrows$/);
});

test('the curves figure embedded with its own snippet shows whole, with no inner scroll', async ({ page }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page, '?centers=4');
  await page.getByRole('button', { name: 'Embed the curves figure: copy an iframe snippet' }).click();
  const snippet = await page.evaluate(() => navigator.clipboard.readText());
  const height = Number(/height="(\d+)"/.exec(snippet)?.[1]);
  expect(height).toBeGreaterThan(600);
  await page.setContent(`<!doctype html><body style="margin:0">${snippet}</body>`);
  const frame = page.frameLocator('iframe');
  await expect(frame.getByTestId('curves-lines-legend')).toBeVisible({ timeout: 30_000 });
  await expect(frame.locator('.embed-footer')).toBeVisible();
  const inner = page.frames().find((candidate) => candidate.url().includes('embed=curves'));
  if (!inner) throw new Error('the embedded frame is missing');
  const overflow = await inner.evaluate(() => ({
    down: document.documentElement.scrollHeight - window.innerHeight,
    across: document.documentElement.scrollWidth - window.innerWidth,
  }));
  expect(overflow).toEqual({ down: 0, across: 0 });
});
