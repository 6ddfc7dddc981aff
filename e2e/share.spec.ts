import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { drawnMarks, expect, exportData, historyWritten, openApp, test } from './fixtures';

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

  // a mouse drag over many slider positions, resting longer than a change's pause: one entry
  const before = await page.evaluate(() => history.length);
  const slider = page.getByRole('slider', { name: 'Centers' });
  const box = await slider.boundingBox();
  if (!box) throw new Error('no slider box');
  await page.mouse.move(box.x + 4, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2, { steps: 6 });
  await page.waitForTimeout(800); // the rest is the case: the button is held for longer than PAUSE_MS
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 6 });
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
      // the legend's keys are drawn from the marks' style table: each key's colour is a curve's in the export
      const colours = await page.evaluate((text) => {
        const context = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
        const normal = (colour: string) => {
          context.fillStyle = '#000';
          context.fillStyle = colour;
          return context.fillStyle;
        };
        const exported = new DOMParser().parseFromString(text, 'image/svg+xml');
        return {
          keys: [...document.querySelectorAll('[data-figure="curves"] .legend-entry .swatch line')].map((line) =>
            normal(getComputedStyle(line).stroke),
          ),
          curves: [...exported.querySelectorAll('path[data-mark]')].map((path) =>
            normal((path as SVGPathElement).style.stroke),
          ),
        };
      }, markup);
      expect(colours.keys.length).toBeGreaterThanOrEqual(4);
      for (const key of colours.keys) expect(colours.curves).toContain(key);
    }
  }
});

// Which curves each legend and seedline combination draws is unit-tested (tests/figureMarks.test.ts);
// here one combination's export is checked against the screen's pixels, read independently.
test('the exported curves are the curves on screen: each exported path runs over painted pixels', async ({ page }) => {
  await openApp(page, '?seedline=written');
  const legend = page.getByRole('group', { name: 'Show or hide curves' });
  await legend.getByRole('button', { name: 'y = w', exact: true }).click();
  const shown = ['hard', 'soft', 'seedRound'];
  const expected = [...shown.map((name) => `value:${name}`), ...shown.map((name) => `gradient:${name}`)].sort();
  await expect
    .poll(async () =>
      (await drawnMarks(page, 'curves-canvas'))
        .filter((id) => /^(value|gradient):/.test(id))
        .map((id) => id.replace('hard-riser', 'hard'))
        .filter((id, k, all) => all.indexOf(id) === k)
        .sort(),
    )
    .toEqual(expected);
  const svg = await download(page, 'Export curves figure as SVG');
  // each exported curve, sampled along its length, mapped to the canvas's pixels through the export's
  // own transform: the share of samples with a painted pixel within 2 CSS px
  const coverage = await page.getByTestId('curves-canvas').evaluate((canvas: HTMLCanvasElement, markup) => {
    const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
    const scale = canvas.width / canvas.getBoundingClientRect().width;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const painted = (x: number, y: number) => {
      const reach = Math.ceil(2 * scale);
      for (let dy = -reach; dy <= reach; dy++)
        for (let dx = -reach; dx <= reach; dx++) {
          const px = Math.round(x * scale) + dx;
          const py = Math.round(y * scale) + dy;
          if (
            px >= 0 &&
            py >= 0 &&
            px < canvas.width &&
            py < canvas.height &&
            (data[4 * (py * canvas.width + px) + 3] ?? 0) > 0
          )
            return true;
        }
      return false;
    };
    const probe = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    document.body.append(probe);
    const result: Record<string, { hits: number; samples: number }> = {};
    for (const node of doc.querySelectorAll('path[data-mark]')) {
      const id = node.getAttribute('data-mark') ?? '';
      if (!/^(value|gradient):/.test(id)) continue;
      // the marks' group is translated by the plot's origin, as the canvas paints them (marksToSvg)
      let [ox, oy] = [0, 0];
      for (let parent = node.parentElement; parent; parent = parent.parentElement) {
        const shift = /translate\(([-\d.]+),\s*([-\d.]+)\)/.exec(parent.getAttribute('transform') ?? '');
        if (!shift) continue;
        [ox, oy] = [Number(shift[1]), Number(shift[2])];
        break;
      }
      const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
      path.setAttribute('d', node.getAttribute('d') ?? '');
      probe.append(path);
      const length = path.getTotalLength();
      let hits = 0;
      let samples = 0;
      for (let k = 0; k <= 40; k++) {
        const point = path.getPointAtLength((k / 40) * length);
        const [x, y] = [point.x + ox, point.y + oy];
        if (x < 0 || y < 0 || x * scale >= canvas.width || y * scale >= canvas.height) continue;
        samples++;
        if (painted(x, y)) hits++;
      }
      result[id] = { hits: (result[id]?.hits ?? 0) + hits, samples: (result[id]?.samples ?? 0) + samples };
    }
    probe.remove();
    return result;
  }, svg.bytes.toString('utf8'));
  expect(
    Object.keys(coverage)
      .map((id) => id.replace('hard-riser', 'hard'))
      .filter((id, k, all) => all.indexOf(id) === k)
      .sort(),
  ).toEqual(expected);
  for (const [id, { hits, samples }] of Object.entries(coverage)) {
    expect(samples, id).toBeGreaterThan(10);
    expect(hits / samples, id).toBeGreaterThan(0.95);
  }
});
