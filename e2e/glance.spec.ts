import { readFile } from 'node:fs/promises';
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

test('the orientation comes first: three tries open three different views; the references link out', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  const orientation = await page.locator('#orientation').boundingBox();
  const firstFigure = await page.locator('[data-figure="heatmap"]').boundingBox();
  expect(orientation && firstFigure && orientation.y + orientation.height <= firstFigure.y).toBe(true);
  // each try is a real link to its own view (it opens in a new tab as well)
  const hrefs = await Promise.all(
    ['cold', 'written', 'photo'].map((id) => page.getByTestId(`try-${id}`).getAttribute('href')),
  );
  expect(hrefs).toEqual([
    '?v=1&temperature=0.05#curves',
    '?v=1&seedline=written#curves',
    '?v=1&temperature=0.05#image-lab',
  ]);
  // a plain click applies it in place
  await page.getByTestId('try-cold').click();
  await expect(page.getByRole('slider', { name: 'Temperature' })).toHaveAttribute('aria-valuetext', 'T = 0.05');
  await expect(page.locator('#curves')).toBeInViewport();
  await page.getByTestId('try-written').click();
  await expect(page.getByRole('radio', { name: 'Seed as written (with tf.round)' })).toBeChecked();
  // as written: the zero line is labelled in the derivative panel, the arrows' STE row reads "no gradient"
  await expect(page.getByTestId('zero-label')).toHaveText('round(w_bar) as written: 0, no gradient');
  await expect(page.getByTestId('lane-gone-ste')).toContainText('⊘ no gradient (as written)');
  await expect(page.getByTestId('lane-gone-ste')).toBeVisible();
  // the references: every cited work links to its arXiv page; the orientation's citation links to the list
  const links = page.locator('.reference-list a[href^="https://"]');
  await expect(links).toHaveCount(7);
  for (const href of await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href'))))
    expect(href).toMatch(/^https:\/\/arxiv\.org\/abs\/\d{4}\.\d{4,5}$/);
  await expect(page.locator('#orientation a[href="#references"]').first()).toHaveText('Agustsson et al. 2019');
  await expect(page.locator('#the-seed')).toHaveText('The seed');
  // last, as it loads the lab: the photograph
  await page.getByTestId('try-photo').click();
  await expect(page.locator('#image-lab')).toBeInViewport({ timeout: 30_000 });
  await expect(page).toHaveURL(/\?v=1&temperature=0\.05&seedline=written/);
});

test('on a phone the orientation folds to a line with the three tries, and the first figure is on the first screen', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page);
  const details = page.getByTestId('orientation-details');
  await expect(details).not.toHaveAttribute('open');
  for (const id of ['cold', 'written', 'photo']) await expect(page.getByTestId(`try-${id}`)).toBeInViewport();
  await expect(page.getByTestId('try-cold')).toHaveText('Turn T down to 0.05');
  const heatmap = await page.locator('[data-figure="heatmap"]').boundingBox();
  expect(heatmap && heatmap.y < 844 - 100).toBe(true);
  // a link to "the seed" opens the fold at its definition
  await page.locator('a.seed-link').first().click();
  await expect(details).toHaveAttribute('open');
  await expect(page.locator('#the-seed')).toBeInViewport();
  // and the tries read in full again
  await expect(page.locator('#orientation .try-list')).toContainText('hugs the staircase');
});

test("the lab's text follows the transform, with each one's real bound and its citation linked", async ({ page }) => {
  await openApp(page, '?centers=6&image=chelsea&backend=wasm#image-lab');
  const bound = page.getByTestId('lab-bound');
  const pixelsText = page.locator('.lab-explain').getByText(/^Each 8-bit value/);
  // pixels: three channels of L symbols, 3 log2 6 = 7.75 bits per pixel at most
  await expect(bound).toContainText(`at most 3 log2 L = ${(3 * Math.log2(6)).toFixed(2)} bits per pixel`);
  await expect(bound).toContainText('bpp ≤ C log2 L / 256: 0.07 bpp for C = 8, L = 5');
  // its citation links to the paper's entry in the references
  await expect(bound.getByRole('link', { name: 'Agustsson et al. 2019' })).toHaveAttribute(
    'href',
    '#ref-agustsson2019',
  );
  await expect(pixelsText).toBeVisible();
  // DCT: the centers are every multiple of the step, so L bounds nothing
  await page.getByRole('radio', { name: /8×8 DCT coefficients/ }).check();
  await expect(page.getByTestId('lab-dct-explain')).toBeVisible();
  await expect(bound).toContainText('no log2 L bounds a coefficient');
  // the learned code: C latents per 64 pixels, and no word of 8-bit values or DCT coefficients
  await page.getByRole('radio', { name: /a learned code of each 8×8 block/ }).check();
  await expect(bound).toContainText(
    `at most C log2 L / 64 bits per pixel before entropy coding (L = 6: ${Math.log2(6).toFixed(2)} bits`,
  );
  await expect(pixelsText).toHaveCount(0);
  await expect(page.getByTestId('lab-dct-explain')).toHaveCount(0);
});

test('the rate-distortion plot spans the lab and exports as SVG and PNG', async ({ page }) => {
  await openApp(page, '?image=chelsea&backend=wasm#image-lab');
  await expect(page.getByTestId('lab-bpp')).toBeVisible({ timeout: 30_000 });
  const plot = page.locator('figure.rd-plot');
  const [plotBox, labBox] = [await plot.boundingBox(), await page.locator('#image-lab').boundingBox()];
  expect(plotBox && labBox && plotBox.width > labBox.width * 0.85).toBe(true);
  for (const format of ['SVG', 'PNG'] as const) {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `Export rate-distortion figure as ${format}` }).click(),
    ]);
    expect(file.suggestedFilename()).toMatch(new RegExp(`\\.${format.toLowerCase()}$`));
    const bytes = await readFile(await file.path());
    if (format === 'SVG') {
      expect(bytes.toString('utf8')).toContain('bits per pixel');
      expect(bytes.toString('utf8')).toContain('browser JPEG');
    } else expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  }
});
