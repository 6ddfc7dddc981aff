import fc from 'fast-check';
import { englishMessage } from '../src/i18n/messageText';
import { describe, expect, it } from 'vitest';
import { readUrl } from '../src/state/url';

// repairAddress.ts repairs window.location when imported; give it a harmless one in node.
Object.assign(globalThis, {
  window: { location: { search: '', hash: '', pathname: '/' }, history: { state: null, replaceState: () => {} } },
});
const { repairAddress, repairNotices } = await import('../src/repairAddress');

/** tfjs-core's URL-flag reader (environment.ts getQueryParams), which throws on bad escapes. */
function tfjsQueryParams(queryString: string): Record<string, string> {
  const params: Record<string, string> = {};
  queryString.replace(/[?&]([^=?&]+)(?:=([^&]*))?/g, (match, name: string, value: string | undefined) => {
    params[decodeURIComponent(name)] = decodeURIComponent(value ?? '');
    return match;
  });
  return params;
}

/** A query of raw bytes: printable ASCII as is, the rest (and some printable) as %XX escapes. */
const rawQuery = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 255 }).map((byte) => `%${byte.toString(16).padStart(2, '0')}`),
      fc.integer({ min: 0x20, max: 0x7e }).map((code) => (code === 0x23 ? '%23' : String.fromCharCode(code))),
      fc.constantFrom('%', '%%', '%e', '%zz', '&', '=', '?', '%ED%A0%80', '%C0%AF', '%F0%9F%92%A5', '%E0%A4'),
    ),
    { maxLength: 80 },
  )
  .map((parts) => `?${parts.join('')}`);

describe('repairing the address before tfjs reads it', () => {
  it('keeps a good address as it is', () => {
    const search = '?v=1&temperature=0.05&probes=-1,0.5&distance=%6C2';
    expect(repairAddress(search, '#training')).toEqual({ search, hash: '#training', dropped: [], droppedHash: false });
  });

  it('drops each part that does not decode and names it', () => {
    for (const bad of ['%ff', '%E0%A4', '%', '%C0%AF', '%ED%A0%80', '%zz']) {
      const repair = repairAddress(`?temperature=2&probes=${bad}&centers=4`, '');
      expect(repair.search, bad).toBe('?temperature=2&centers=4');
      expect(repair.dropped, bad).toEqual([`probes=${bad}`]);
      expect(repairNotices(repair).map(englishMessage), bad).toEqual([
        `dropped a part of the link that is not valid percent-encoding: ${JSON.stringify(`probes=${bad}`)}`,
      ]);
    }
    const both = repairAddress('?%ff', '#%');
    expect(both).toMatchObject({ search: '', hash: '', droppedHash: true });
    expect(repairNotices(both).map(englishMessage)).toEqual([
      'dropped a part of the link that is not valid percent-encoding: "%ff"',
      "dropped the link's #fragment: it is not valid percent-encoding",
    ]);
  });

  it('turns any byte sequence into an address tfjs and readUrl can read', () => {
    fc.assert(
      fc.property(rawQuery, fc.string(), (search, hash) => {
        const repair = repairAddress(search, hash);
        expect(() => tfjsQueryParams(repair.search)).not.toThrow();
        expect(() => decodeURIComponent(repair.hash)).not.toThrow();
        expect(() => readUrl(repair.search)).not.toThrow();
        // what decoded is kept, in order
        const keptParts = search
          .slice(1)
          .split('&')
          .filter((part) => part !== '')
          .filter((part) => {
            try {
              decodeURIComponent(part);
              return true;
            } catch {
              return false;
            }
          });
        expect(repair.search).toBe(keptParts.length ? `?${keptParts.join('&')}` : '');
      }),
      { numRuns: 3000 },
    );
  });

  it('handles a hundred thousand parameters', () => {
    const search = `?${Array.from({ length: 100_000 }, (_, i) => (i % 7 === 0 ? '%' : `k${i}=1`)).join('&')}`;
    const repair = repairAddress(search, '');
    expect(repair.dropped).toHaveLength(Math.ceil(100_000 / 7));
    // the person reads one line, not fourteen thousand
    expect(repairNotices(repair).map(englishMessage)).toEqual([
      `dropped 14286 parts of the link that are not valid percent-encoding: "%", "%", "%" and 14283 more`,
    ]);
    expect(() => tfjsQueryParams(repair.search)).not.toThrow();
  });
});
