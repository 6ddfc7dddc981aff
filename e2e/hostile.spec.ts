import { expect, openApp, test } from './fixtures';

/**
 * Raw strings straight into the address bar, not through URLSearchParams: tfjs-core decodes
 * every query parameter with decodeURIComponent as it loads, so a bad escape blanked the page.
 */

/** A seeded stream of bytes (mulberry32), so a failure names a case that can be replayed. */
function bytes(seed: number, count: number): number[] {
  let state = seed >>> 0;
  return Array.from({ length: count }, () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % 256;
  });
}

/** Random bytes written as the raw query a link could carry: %XX escapes, lone %, plain ASCII. */
function randomQuery(seed: number): string {
  return bytes(seed, 40)
    .map((byte, i) => {
      if (i % 11 === 5) return '%';
      if (byte >= 0x30 && byte <= 0x7a && byte !== 0x3c && byte !== 0x3e) return String.fromCharCode(byte);
      return `%${byte.toString(16).padStart(2, '0')}`;
    })
    .join('');
}

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

const CASES: Array<[string, string]> = [
  ['an invalid byte', '?probes=%ff'],
  ['a truncated UTF-8 sequence', '?probes=%E0%A4'],
  ['a bare percent sign', '?temperature=0.5&%'],
  ['overlong UTF-8', '?probes=%C0%AF&centers=4'],
  ['an encoded surrogate', '?distance=%ED%A0%80'],
  ['a bad escape in a name', '?%zz=1&temperature=2'],
  ['a bad escape in the hash', '?temperature=2#%E0%A4'],
  ...[1, 2, 3, 4, 5].map((seed): [string, string] => [`random bytes (seed ${seed})`, `?probes=${randomQuery(seed)}`]),
];

for (const [name, query] of CASES) {
  test(`a link with ${name} opens a working page and says what it dropped`, async ({ page }) => {
    await openApp(page, query);
    await expect(page.getByTestId('probe-table')).toBeVisible();
    // the page computes: the table has numbers and the address now decodes
    await expect(page.locator('.probe-table tbody tr').first()).toContainText(/\d/);
    const address = await page.evaluate(() => location.search + location.hash);
    expect(() => decodeURIComponent(address)).not.toThrow();
    // what should have been dropped, found here independently of the app
    const [search = '', hash = ''] = query.slice(1).split('#');
    const dropped = [...search.split('&'), hash].some((part) => !decodes(part));
    if (dropped) await expect(page.locator('.notices')).toContainText(/not valid percent-encoding/);
    else await expect(page.locator('body')).not.toContainText(/percent-encoding/);
  });
}

test('the good parts of a damaged link still apply', async ({ page }) => {
  await openApp(page, '?temperature=0.05&probes=%ff&centers=4');
  await expect(page.getByRole('slider', { name: 'Temperature' })).toHaveAttribute('aria-valuetext', 'T = 0.05');
  await expect(page.getByRole('slider', { name: 'Centers' })).toHaveAttribute('aria-valuetext', 'L = 4');
  await expect(page.locator('.notices')).toContainText('"probes=%ff"');
  await expect(page).toHaveURL(/\?v=1&temperature=0.05&centers=4$/);
});

test('a link with twenty thousand parameters opens', async ({ page }) => {
  const query = `?${Array.from({ length: 20_000 }, (_, i) => (i % 5 === 0 ? '%' : `x${i}=%ff`)).join('&')}&temperature=3`;
  await openApp(page, query);
  await expect(page.getByRole('slider', { name: 'Temperature' })).toHaveAttribute('aria-valuetext', 'T = 3');
  await expect(page.locator('.notices')).toContainText(/dropped 20000 parts of the link/);
});
