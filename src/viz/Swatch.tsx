import { memo } from 'react';
import type { VectorMark } from './canvasMarks';

/** How a mark looks: the fields of its style table entry (CURVE_STYLES, RELAX_STYLES, ...). */
export type MarkLook = Pick<VectorMark, 'stroke' | 'width' | 'dash' | 'cap' | 'opacity'>;

/** A colour custom property (`--c-soft`) as an SVG paint, or a colour as it is. */
export const paint = (color: string | undefined) =>
  color === undefined ? 'currentColor' : color.startsWith('--') ? `var(${color})` : color;

/**
 * A legend's key for a mark: a short line drawn from the same style table the canvas paints and
 * the export writes with, so the three never disagree.
 */
export const Swatch = memo(function Swatch({ look, length = 22 }: { look: MarkLook; length?: number }) {
  return (
    <svg className="swatch" width={length} height={10} aria-hidden="true">
      <line
        x1={1}
        x2={length - 1}
        y1={5}
        y2={5}
        stroke={paint(look.stroke)}
        strokeWidth={look.width ?? 2}
        strokeDasharray={look.dash?.join(' ')}
        strokeLinecap={look.cap}
        opacity={look.opacity}
      />
    </svg>
  );
});
