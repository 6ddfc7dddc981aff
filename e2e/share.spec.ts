import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { drawnMarks, expect, exportData, historyWritten, openApp, paintedPaths, test } from './fixtures';

async function setTemperature(page: Page, value: string) {
  const field = page.getByLabel('Temperature value');
  await field.fill(value);
  await field.press('Enter');
  await expect(page.getByRole('slider', { name: 'Temperature' })).toHaveAttribute('aria-valuetext', `T = ${value}`);
}

test('a copied link opened in a fresh browser context gives the same exported data', async ({ page, browser }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page, '?backend=cpu');
  await setTemperature(page, '0.05');
  const centers = page.getByRole('slider', { name: 'Centers' });
  await centers.focus();
  await centers.press('ArrowLeft');
  await page.getByRole('radio', { name: /squared/ }).check();
  const handle = page.locator('[data-probe-handle="2"] .probe-handle');
  await handle.focus();
  await handle.press('ArrowRight');
  const original = await exportData(page);

  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Link copied')).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('v=1');
  expect(link).toContain('temperature=0.05');
  expect(link).toContain('centers=4');
  expect(link).toContain('distance=l2');
  expect(link).toContain('backend=cpu');

  const fresh = await browser.newContext({ acceptDownloads: true });
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByTestId('probe-table')).toBeVisible();
  await expect(other.getByTestId('backend-name')).toHaveText('cpu');
  expect(await exportData(other)).toEqual(original);
  await fresh.close();
});

test('where the clipboard is refused, the link is offered in a selectable field', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
    });
  });
  await openApp(page, '?temperature=2');
  await page.getByRole('button', { name: 'Copy link' }).click();
  const field = page.getByRole('textbox', { name: /copy the link from here/ });
  await expect(field).toBeVisible();
  await expect(field).toHaveValue(/\?v=1&temperature=2$/);
});

test('Back and Forward restore the view; a drag adds one history entry, not one per step', async ({ page }) => {
  await openApp(page);
  const start = await page.evaluate(() => history.length);
  await setTemperature(page, '0.2');
  await expect(page).toHaveURL(/\?v=1&temperature=0.2$/);
  await historyWritten(page); // a pause finishes the change
  await setTemperature(page, '5');
  await expect(page).toHaveURL(/temperature=5$/);
  await historyWritten(page);

  // a mouse drag over many slider positions: one entry
  const before = await page.evaluate(() => history.length);
  const slider = page.getByRole('slider', { name: 'Centers' });
  const box = await slider.boundingBox();
  if (!box) throw new Error('no slider box');
  await page.mouse.move(box.x + 4, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 12 });
  await page.mouse.up();
  await expect(page).toHaveURL(/centers=\d+/);
  expect(await page.evaluate(() => history.length)).toBe(before + 1);
  expect(before).toBe(start + 2);

  await page.goBack();
  await expect(page).toHaveURL(/\?v=1&temperature=5$/);
  await expect(page.getByRole('slider', { name: 'Centers' })).toHaveAttribute('aria-valuetext', 'L = 5');
  await page.goBack();
  await expect(page.getByRole('slider', { name: 'Temperature' })).toHaveAttribute('aria-valuetext', 'T = 0.2');
  await expect(page.locator('.probe-table caption')).toContainText('T = 0.2');
  await page.goForward();
  await expect(page.getByRole('slider', { name: 'Temperature' })).toHaveAttribute('aria-valuetext', 'T = 5');
});

test('a burst of key presses is one history entry, and one that ends where it began adds none', async ({ page }) => {
  await openApp(page);
  const start = await page.evaluate(() => history.length);
  const slider = page.getByRole('slider', { name: 'Centers' });
  await slider.focus();
  for (let k = 0; k < 4; k++) await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuetext', 'L = 9');
  await expect(page).toHaveURL(/\?v=1&centers=9$/);
  expect(await page.evaluate(() => history.length)).toBe(start + 1);

  // a burst that ends where it began adds no entry
  await historyWritten(page);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  // the burst counts as a change until its pause ends; then nothing is left to write
  await expect.poll(() => page.evaluate(() => window.quantizationPlayground.pendingHistoryEntries())).toBe(1);
  await historyWritten(page);
  expect(await page.evaluate(() => history.length)).toBe(start + 1);

  await page.goBack();
  await expect(slider).toHaveAttribute('aria-valuetext', 'L = 5');
  await expect(page).not.toHaveURL(/centers=/);
});

test('presets are links that set the view', async ({ page }) => {
  await openApp(page);
  await expect(page.getByRole('link', { name: 'Nearly hard' })).toHaveAttribute('href', '?v=1&temperature=0.05');
  await expect(page.getByRole('link', { name: 'Even L = 4' })).toHaveAttribute('href', '?v=1&centers=4');
  await page.getByRole('link', { name: 'Squared distance' }).click();
  await expect(page).toHaveURL(/\?v=1&distance=l2$/);
  await expect(page.getByRole('radio', { name: /squared/ })).toBeChecked();
  await page.getByRole('link', { name: 'Nearly flat' }).click();
  await expect(page.getByRole('slider', { name: 'Temperature' })).toHaveAttribute('aria-valuetext', 'T = 10');
  await expect(page.getByRole('radio', { name: /L1/ })).toBeChecked();
  const data = await exportData(page);
  expect(data.params).toMatchObject({ temperature: 10, distance: 'l1', centers: 5 });
});

const HOSTILE: Array<[string, RegExp]> = [
  ['?temperature=<script>window.__pwned=1</script>', /temperature must be a finite number/],
  ['?probes="><img src=x onerror="window.__pwned=1">', /probes must be a comma list/],
  ['?temperature=1e400', /temperature must be a finite number/],
  ['?temperature=1e-400', /temperature must be in \[0.001, 1000\]; used 0.001/],
  ['?centers=99999999999999999999', /centers must be an integer in \[2, 64\]; used 64/],
  ['?spacing=NaN&target=-Infinity', /spacing must be a finite number/],
  [`?probes=${'1,'.repeat(50_000)}`, /kept the first 64/],
  [`?temperature=${'9'.repeat(100_000)}`, /temperature must be a finite number/],
  ['?distance=%F0%9F%92%A5&range=%E2%88%9E,1', /distance must be one of l1, l2/],
  ['?temperature=2&temperature=3&temperature=4', /temperature was given 3 times/],
  ['?range=5,5&samples=-3', /range must be min < max/],
  ['?backend=metal&v=99', /backend must be one of webgl, wasm, cpu/],
];

for (const [query, notice] of HOSTILE) {
  test(`a hostile link renders a working page with a notice: ${query.slice(0, 60)}`, async ({ page }) => {
    await openApp(page, query);
    await expect(page.getByTestId('notice').filter({ hasText: notice })).toHaveCount(1);
    await expect(page.locator('[data-probe]').first()).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    // the address bar now holds the view as shown, in canonical form
    expect(page.url().length).toBeLessThan(2000);
  });
}

async function download(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

test('each figure exports as an SVG and a PNG that open in a viewer, with legend and axes', async ({ page }) => {
  await openApp(page);
  const figures = [
    ['heatmap', 'Soft assignment p(c | w)', 'p = 0'],
    ['curves', 'Forward values and the gradient passed back', 'w_soft'],
    ['arrows', 'Where each estimator moves the probes', 'no gradient'],
  ] as const;
  for (const [name, title, legendText] of figures) {
    await expect(page.locator(`[data-figure="${name}"] figcaption strong`)).toHaveText(title);
    const svg = await download(page, `Export ${name} figure as SVG`);
    expect(svg.name).toBe(`quantization-playground-${name}.svg`);
    const markup = svg.bytes.toString('utf8');
    expect(markup).toContain(legendText);
    expect(markup).toContain('input w'); // the x axis label
    const png = await download(page, `Export ${name} figure as PNG`);
    expect(png.name).toBe(`quantization-playground-${name}.png`);
    expect(png.bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    // both open as images in a fresh page (a viewer), at a sensible size
    for (const [type, bytes] of [
      ['image/svg+xml', svg.bytes],
      ['image/png', png.bytes],
    ] as const) {
      const size = await page.evaluate(
        async ({ type, data }) => {
          const image = new Image();
          image.src = `data:${type};base64,${data}`;
          await image.decode();
          return { width: image.naturalWidth, height: image.naturalHeight };
        },
        { type, data: bytes.toString('base64') },
      );
      expect(size.width, `${name} ${type} width`).toBeGreaterThan(300);
      expect(size.height, `${name} ${type} height`).toBeGreaterThan(150);
    }
    if (name === 'curves') {
      const xml = await page.evaluate(
        (text) => new DOMParser().parseFromString(text, 'image/svg+xml').querySelector('parsererror') === null,
        markup,
      );
      expect(xml).toBe(true);
    }
  }
});

test('every combination of legend toggles and seedline exports exactly the curves on screen (issue 11, bug 2)', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const labels = {
    identity: 'y = w',
    hard: 'w_hard',
    soft: 'w_soft',
    bar: 'w_bar (forward)',
    seedRound: 'round(w_bar), the seed',
  } as const;
  type Curve = keyof typeof labels;
  const pitfallHides: Record<string, Curve | null> = { both: null, written: 'bar', corrected: 'seedRound' };
  for (const seedline of ['both', 'written', 'corrected']) {
    await openApp(page, `?seedline=${seedline}`);
    const legend = page.getByRole('group', { name: 'Show or hide curves' });
    const offered = (Object.keys(labels) as Curve[]).filter((name) => name !== pitfallHides[seedline]);
    // the pitfall toggle takes the curve out of the legend too: there is no second way to hide it
    await expect(legend.getByRole('button')).toHaveCount(offered.length);
    const hidden = new Set<Curve>();
    // a Gray code: each combination one click away from the last
    for (let code = 0; code < 2 ** offered.length; code++) {
      if (code > 0) {
        const flip = offered[Math.log2((code ^ (code - 1)) + 1) - 1] as Curve;
        await legend.getByRole('button', { name: labels[flip], exact: true }).click();
        if (hidden.has(flip)) hidden.delete(flip);
        else hidden.add(flip);
      }
      const shown = offered.filter((name) => !hidden.has(name));
      const expected = [...shown.map((name) => `value:${name}`), ...shown.map((name) => `gradient:${name}`)].sort();
      const what = `seedline=${seedline}, hidden=${[...hidden].join(',')}`;
      // on screen: the curves the canvas painted (the staircase's risers are part of w_hard)
      const curvesOnScreen = async () =>
        (await drawnMarks(page, 'curves-canvas'))
          .filter((id) => /^(value|gradient):/.test(id))
          .map((id) => id.replace('hard-riser', 'hard'))
          .filter((id, k, all) => all.indexOf(id) === k)
          .sort();
      await expect.poll(curvesOnScreen, what).toEqual(expected);
      const screenPaths = await paintedPaths(page, 'curves-canvas');
      // in the export: one vector path per painted mark, with the same geometry
      const svg = await download(page, 'Export curves figure as SVG');
      const exported = await page.evaluate((markup) => {
        const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
        return Object.fromEntries(
          [...doc.querySelectorAll('path[data-mark]')].map((node) => [
            node.getAttribute('data-mark'),
            node.getAttribute('d'),
          ]),
        );
      }, svg.bytes.toString('utf8'));
      expect(exported, what).toEqual(screenPaths);
    }
  }
});
