import { REFERENCES, type ReferenceId } from './references';

/** A run of text, and the reference it cites where it is a citation ("Mentzer et al. 2018"). */
export interface CitationPart {
  text: string;
  cites?: ReferenceId;
}

/** The first author's surname: the last word of the first name in `authors` ("J. Ballé" -> "Ballé"). */
const surname = (authors: string) => (authors.split(',')[0] ?? '').trim().split(' ').pop() ?? '';

/** Each reference's citation as the page writes it, in English and Chinese. */
const CITATION_PATTERNS = REFERENCES.map((work) => {
  const year = /(\d{4})$/.exec(work.venue)?.[1] ?? '';
  // "Agustsson et al. 2019", "Agustsson 等 2019", "Agustsson 等，2019", "Agustsson and Theis 2020", "Agustsson 与 Theis，2020"
  const source = `${surname(work.authors)}(?: et al\\.| 等| (?:and|&|与) [A-Z][\\p{L}-]+)?[,，]? ?${year}`;
  return { id: work.id as ReferenceId, source };
});
const CITATION = new RegExp(CITATION_PATTERNS.map(({ source }) => `(${source})`).join('|'), 'gu');

/**
 * Splits a sentence at its citations of the page's references, so that each can link to its
 * entry in the reference list (`#ref-<id>`). Text with none comes back as one part.
 */
export function citationParts(text: string): CitationPart[] {
  const parts: CitationPart[] = [];
  let last = 0;
  for (const match of text.matchAll(CITATION)) {
    const index = match.index;
    const group = match.slice(1).findIndex((value) => value !== undefined);
    const cited = CITATION_PATTERNS[group];
    if (!cited) continue;
    if (index > last) parts.push({ text: text.slice(last, index) });
    parts.push({ text: match[0], cites: cited.id });
    last = index + match[0].length;
  }
  if (last < text.length || parts.length === 0) parts.push({ text: text.slice(last) });
  return parts;
}
