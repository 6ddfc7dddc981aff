import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIELD_NAMES, FIELDS } from '../src/state/fields';

// docs/url.md lists every link field; this keeps it equal to the field table (src/state/fields.ts).
const doc = readFileSync(new URL('../docs/url.md', import.meta.url), 'utf8');

/** The rows of the markdown table under `heading`: cells, trimmed, `\|` read as `|`. */
function tableRows(heading: string): string[][] {
  const section = doc.split(/^## /m).find((part) => part.startsWith(heading));
  if (!section) throw new Error(`docs/url.md has no section "## ${heading}"`);
  return section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2) // the header and its rule
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim().replaceAll('\\|', '|')),
    );
}

const code = (text: string) => `\`${text}\``;

/** What the doc's "values" cell must say for a field, from its row in the table. */
function expectedValues(name: (typeof FIELD_NAMES)[number]): string | null {
  const field = FIELDS[name];
  if (field.choices) return field.choices.map((choice) => code(String(choice))).join(' | ');
  if (field.rule) return `${field.rule.min} to ${field.rule.max}${field.rule.integer ? ', whole' : ''}`;
  if (typeof field.defaultValue === 'boolean') return `${code('0')} | ${code('1')}`;
  return null; // probes and range: a list, described in words
}

describe('docs/url.md', () => {
  const rows = tableRows('Fields');
  const byLink = new Map(rows.map((row) => [row[0], row]));

  it('lists every field of the field table once, in its order, and no other', () => {
    expect(rows.map((row) => row[0])).toEqual(FIELD_NAMES.map((name) => code(FIELDS[name].link)));
  });

  it.each(FIELD_NAMES)('gives %s its default and its values as the table has them', (name) => {
    const field = FIELDS[name];
    const row = byLink.get(code(field.link));
    expect(row, `docs/url.md has no row for ${field.link}`).toBeDefined();
    const [, defaultCell, valuesCell, meaning] = row as string[];
    expect(defaultCell).toBe(code((field.format as (value: unknown) => string)(field.defaultValue)));
    const values = expectedValues(name);
    if (values !== null) expect(valuesCell).toBe(values);
    expect(meaning?.length).toBeGreaterThan(10);
  });

  it('names every other key a link may hold', () => {
    expect(tableRows('Not view fields').map((row) => row[0])).toEqual(
      ['v', 'backend', 'engine', 'embed', 'controls', 'tfjsflags'].map(code),
    );
  });
});
