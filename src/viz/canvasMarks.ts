import { pathRound } from 'd3';
import { cssColor } from './colors';

/**
 * Dense marks described once and drawn twice: on a canvas for the screen (cheap to repaint on
 * every press) and as SVG paths for the export (vectors). A mark's `trace` writes its geometry
 * into a path context, which is either the canvas's 2D context or a d3-path that records the
 * same calls as an SVG `d` string (3 decimals, as d3-shape writes them), so the export is built from the very calls the screen made.
 */

/** The drawing calls a mark may make; both CanvasRenderingContext2D and d3's path() have them. */
export type PathSink = Pick<CanvasRenderingContext2D, 'moveTo' | 'lineTo' | 'closePath' | 'arc' | 'rect'>;

/** d3-shape's `.context()` is typed for a canvas; a d3-path takes the same calls (d3-shape docs). */
export const asContext = (sink: PathSink) => sink as CanvasRenderingContext2D;

export interface VectorMark {
  /** names the mark in tests and exports: `<panel>:<curve>` such as `value:soft`, or `arrow:ste:2` */
  id: string;
  trace: (sink: PathSink) => void;
  /** a CSS colour custom property (`--c-soft`) or a colour */
  stroke?: string;
  fill?: string;
  /** stroke width, CSS px */
  width?: number;
  /** dash pattern, CSS px (an SVG stroke-dasharray as numbers) */
  dash?: readonly number[];
  cap?: CanvasLineCap;
  opacity?: number;
  /** drawn thicker with a glow: the mark is linked to the highlighted quantity (teach/linking.ts) */
  highlighted?: boolean;
  /** belongs to the hovered probe (its width is already the builder's); listed in `data-active` */
  active?: boolean;
  /** plot-relative clip rectangle [x, y, width, height], CSS px */
  clip?: readonly [number, number, number, number];
}

/** The stroke width of a highlighted curve, as the stylesheet's linked-highlight rule had it. */
export const HIGHLIGHT_WIDTH = 4.5;

/** Resolves colour custom properties once per paint (getComputedStyle is not free). */
function colorResolver(): (color: string) => string {
  const cache = new Map<string, string>();
  return (color) => {
    if (!color.startsWith('--')) return color;
    let value = cache.get(color);
    if (value === undefined) {
      value = cssColor(color);
      cache.set(color, value);
    }
    return value;
  };
}

/** The 2D context of the marks canvases (curves, arrows, relaxations, training; see prepareCanvas). The heatmap keeps the default: a CPU-backed heatmap made a slider drag stall. */
export const CANVAS_OPTIONS: CanvasRenderingContext2DSettings = { willReadFrequently: true };

/**
 * Sizes `canvas` to width × height CSS px at the device pixel ratio and returns its context,
 * cleared and scaled so one unit is one CSS px; null where the browser gives no 2D context.
 */
export function prepareCanvas(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
): CanvasRenderingContext2D | null {
  const ratio = window.devicePixelRatio || 1;
  const pixelWidth = Math.max(1, Math.round(width * ratio));
  const pixelHeight = Math.max(1, Math.round(height * ratio));
  if (canvas.width !== pixelWidth) canvas.width = pixelWidth;
  if (canvas.height !== pixelHeight) canvas.height = pixelHeight;
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  // A CPU-backed canvas: where the GPU is software (SwiftShader), Chromium's accelerated 2D canvas
  // made every key press take ~0.6 s to present (bench: p50 584 -> 92 ms); on a real GPU a few
  // hundred path segments raster on the CPU in well under a millisecond.
  const context = canvas.getContext('2d', CANVAS_OPTIONS);
  if (!context) return null;
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, canvas.width, canvas.height);
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  return context;
}

/** Paints `marks` in order, translated by `origin` (the plot's top-left corner, CSS px). */
export function paintMarks(
  context: CanvasRenderingContext2D,
  marks: readonly VectorMark[],
  origin: readonly [number, number],
): void {
  const resolve = colorResolver();
  const accent = resolve('--accent');
  for (const mark of marks) {
    context.save();
    context.translate(origin[0], origin[1]);
    if (mark.clip) {
      context.beginPath();
      context.rect(...mark.clip);
      context.clip();
    }
    context.beginPath();
    mark.trace(context);
    context.globalAlpha = mark.opacity ?? 1;
    if (mark.highlighted) {
      context.shadowColor = accent;
      context.shadowBlur = 2;
    }
    if (mark.fill) {
      context.fillStyle = resolve(mark.fill);
      context.fill();
    }
    if (mark.stroke) {
      context.strokeStyle = resolve(mark.stroke);
      context.lineWidth = mark.highlighted ? HIGHLIGHT_WIDTH : (mark.width ?? 1);
      context.setLineDash(mark.dash ? [...mark.dash] : []);
      context.lineCap = mark.cap ?? 'butt';
      context.stroke();
    }
    context.restore();
  }
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * The same marks as SVG: one `<path data-mark=id>` per mark with its look inlined, inside a group
 * translated by `origin`; clip rectangles become clipPaths named after `prefix`.
 */
export function marksToSvg(
  marks: readonly VectorMark[],
  origin: readonly [number, number],
  prefix: string,
): SVGGElement {
  const group = document.createElementNS(SVG_NS, 'g');
  group.setAttribute('transform', `translate(${origin[0]}, ${origin[1]})`);
  const clips = new Map<string, string>();
  const defs = document.createElementNS(SVG_NS, 'defs');
  group.append(defs);
  const resolve = colorResolver();
  const accent = resolve('--accent');
  for (const mark of marks) {
    const recorder = pathRound(3);
    mark.trace(recorder);
    const node = document.createElementNS(SVG_NS, 'path');
    node.setAttribute('d', recorder.toString());
    node.setAttribute('data-mark', mark.id);
    const style = [
      `fill:${mark.fill ? resolve(mark.fill) : 'none'}`,
      `stroke:${mark.stroke ? resolve(mark.stroke) : 'none'}`,
      `stroke-width:${mark.highlighted ? HIGHLIGHT_WIDTH : (mark.width ?? 1)}`,
      `stroke-dasharray:${mark.dash?.join(' ') ?? 'none'}`,
      `stroke-linecap:${mark.cap ?? 'butt'}`,
      `opacity:${mark.opacity ?? 1}`,
      ...(mark.highlighted ? [`filter:drop-shadow(0 0 2px ${accent})`] : []),
    ];
    node.setAttribute('style', style.join(';'));
    if (mark.clip) {
      const key = mark.clip.join(',');
      let id = clips.get(key);
      if (!id) {
        id = `${prefix}-clip-${clips.size}`;
        clips.set(key, id);
        const clipPath = document.createElementNS(SVG_NS, 'clipPath');
        clipPath.setAttribute('id', id);
        const [x, y, width, height] = mark.clip;
        const rect = document.createElementNS(SVG_NS, 'rect');
        Object.entries({ x, y, width, height }).forEach(([k, v]) => rect.setAttribute(k, String(v)));
        clipPath.append(rect);
        defs.append(clipPath);
      }
      node.setAttribute('clip-path', `url(#${id})`);
    }
    group.append(node);
  }
  return group;
}

/**
 * One painter per canvas: `request()` asks for a repaint at the next animation frame, and any
 * number of requests before it make one paint (a press that changes the view, the highlight and
 * the width paints once).
 */
export function framePainter(paint: () => void): { request: () => void; cancel: () => void } {
  let frame = 0;
  return {
    request: () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        paint();
      });
    },
    cancel: () => {
      if (frame) cancelAnimationFrame(frame);
      frame = 0;
    },
  };
}

/** The marks each canvas painted last (for paintedPaths). */
const painted = new WeakMap<HTMLCanvasElement, readonly VectorMark[]>();

/** Records what `canvas` just painted. */
export function rememberMarks(canvas: HTMLCanvasElement, marks: readonly VectorMark[]): void {
  painted.set(canvas, marks);
}

/**
 * The SVG path of every mark `canvas` painted last, by mark id, traced by the same calls that
 * painted it: what a test reads to compare a canvas's geometry with the export's.
 */
export function paintedPaths(canvas: HTMLCanvasElement): Record<string, string> {
  const paths: Record<string, string> = {};
  for (const mark of painted.get(canvas) ?? []) {
    const recorder = pathRound(3);
    mark.trace(recorder);
    paths[mark.id] = recorder.toString();
  }
  return paths;
}
