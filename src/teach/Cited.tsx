import { citationParts } from './citations';

/** A sentence whose citations ("Bengio et al. 2013") link to their entries in the references. */
export function Cited({ text }: { text: string }) {
  return (
    <>
      {citationParts(text).map((part, i) =>
        part.cites ? (
          <a key={i} href={`#ref-${part.cites}`} className="citation">
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </>
  );
}
