import { message } from '../i18n/message';
import type { Parsed } from './params';

/** The figures a page can embed alone (`?embed=`). */
export const EMBED_FIGURES = ['heatmap', 'curves', 'arrows', 'table', 'image'] as const;
export type EmbedFigure = (typeof EMBED_FIGURES)[number];

/** The controls an embedded figure may show in its compact row (`?controls=`). */
export const EMBED_CONTROLS = ['temperature', 'centers', 'spacing', 'distance'] as const;
export type EmbedControl = (typeof EMBED_CONTROLS)[number];

/** One figure alone, for an `<iframe>` in slides, course pages and posts. */
export interface EmbedSettings {
  figure: EmbedFigure;
  controls: EmbedControl[];
}

/** Reads `embed` and `controls` from a query string; never throws; null when not embedded. */
export function readEmbed(search: string): Parsed<EmbedSettings | null> {
  const query = new URLSearchParams(search);
  const figureText = query.get('embed');
  if (figureText === null) return { value: null, notice: null };
  const figure = EMBED_FIGURES.find((name) => name === figureText.trim().toLowerCase());
  if (!figure) {
    return {
      value: null,
      notice: message('app:notice.embedChoice', { choices: EMBED_FIGURES.join(', ') }),
    };
  }
  const asked = (query.get('controls') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  const controls = EMBED_CONTROLS.filter((name) => asked.includes(name));
  const unknown = asked.filter((name) => !(EMBED_CONTROLS as readonly string[]).includes(name));
  return {
    value: { figure, controls },
    notice: unknown.length
      ? message('app:notice.embedControls', {
          choices: EMBED_CONTROLS.join(', '),
          ignored: unknown.slice(0, 3).join(', '),
        })
      : null,
  };
}

/** The part of a link that keeps a page embedded: `&embed=...&controls=...`, or ''. */
export function embedQuery(embed: EmbedSettings | null): string {
  if (!embed) return '';
  return `&embed=${embed.figure}${embed.controls.length ? `&controls=${embed.controls.join(',')}` : ''}`;
}
