import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MARKS } from '../src/state/store';

const css = readFileSync('src/styles.css', 'utf8');

/** Every .tsx file under src/. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return file.endsWith('.tsx') ? [file] : [];
  });
}

describe('linked highlighting: one list of marks in the stylesheet', () => {
  it('names every mark once, as "the root highlights it and the element is linked to it"', () => {
    const pairs = [...css.matchAll(/#root\[data-highlight='(\w+)'\] \[data-link~='(\w+)'\]/g)];
    for (const [, highlight, link] of pairs) expect(link).toBe(highlight);
    expect(pairs.map(([, mark]) => mark)).toEqual([...MARKS]);
  });

  it('every data-link the components write names marks', () => {
    const written = sources('src').flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/data-link="([^"]+)"/g)].flatMap(([, marks]) =>
        (marks as string).split(' '),
      ),
    );
    expect(written.length).toBeGreaterThan(5);
    for (const mark of written) expect(MARKS as readonly string[]).toContain(mark);
  });
});
