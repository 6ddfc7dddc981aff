import { downloadBlob } from '../browser/download';
import { i18n } from '../i18n/i18n';
import { marksToSvg, type VectorMark } from './canvasMarks';

/**
 * Figures as standalone files: an SVG with the figure's marks, axes, title and legend (styles
 * inlined, the heatmap's canvas embedded as an image, canvases of curves and arrows rebuilt as
 * vector paths from the same marks), and a PNG rendered from that SVG.
 */

export interface LegendItem {
  label: string;
  color: string;
  /** an SVG stroke-dasharray, for dashed entries */
  dash?: string;
}

export interface FigureExportSpec {
  /** used in file names: quantization-playground-<name>.svg */
  name: string;
  title: string;
  note?: string;
  legend?: LegendItem[];
  /** add the viridis colour bar (p from 0 to 1) */
  colorScale?: Array<{ offset: number; color: string }>;
  /**
   * the marks the figure paints on its `.marks-canvas`, written as vector paths under the SVG's
   * own elements (as the canvas lies under the SVG on screen); origin: the plot's corner, px
   */
  marks?: { items: readonly VectorMark[]; origin: readonly [number, number] };
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const STYLE_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'stroke-linecap',
  'opacity',
  'font-size',
  'font-family',
  'font-weight',
  'visibility',
];

/** Copies the computed look of every element onto its clone, so the SVG needs no stylesheet. */
function inlineStyles(source: Element, target: Element): void {
  const computed = getComputedStyle(source);
  target.setAttribute('style', STYLE_PROPERTIES.map((name) => `${name}:${computed.getPropertyValue(name)}`).join(';'));
  target.removeAttribute('class');
  for (let i = 0; i < source.children.length; i++) {
    const child = target.children[i];
    if (child) inlineStyles(source.children[i] as Element, child);
  }
}

function element<K extends keyof SVGElementTagNameMap>(
  name: K,
  attributes: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The heatmap canvas scaled up without smoothing, so rows stay crisp in any viewer. */
function canvasImage(canvas: HTMLCanvasElement, body: DOMRect): SVGImageElement | null {
  const box = canvas.getBoundingClientRect();
  const scaled = document.createElement('canvas');
  scaled.width = Math.max(1, Math.round(box.width));
  scaled.height = Math.max(1, Math.round(box.height));
  const context = scaled.getContext('2d');
  if (!context) return null;
  context.imageSmoothingEnabled = false;
  context.drawImage(canvas, 0, 0, scaled.width, scaled.height);
  return element('image', {
    href: scaled.toDataURL('image/png'),
    x: box.left - body.left,
    y: box.top - body.top,
    width: box.width,
    height: box.height,
    preserveAspectRatio: 'none',
  });
}

/** Builds the standalone SVG of a figure element (the one holding `.figure-svg`). */
function buildFigureSvg(figure: HTMLElement, spec: FigureExportSpec): SVGSVGElement {
  const source = figure.querySelector<SVGSVGElement>('svg.figure-svg');
  const body = figure.querySelector<HTMLElement>('.figure-body');
  if (!source || !body) throw new Error(i18n.t('figures:export.noSvg', { figure: spec.name }));
  const bodyBox = body.getBoundingClientRect();
  const width = Math.round(bodyBox.width);
  const style = getComputedStyle(figure);
  const text = style.color;
  const font = style.fontFamily;
  const legendRows = spec.legend?.length ? Math.ceil(spec.legend.length / Math.max(1, Math.floor(width / 190))) : 0;
  const header = 30 + (spec.note ? 18 : 0) + legendRows * 20 + (spec.colorScale ? 22 : 0);
  const height = header + Math.round(bodyBox.height) + 8;

  const svg = element('svg', { xmlns: SVG_NS, width, height, viewBox: `0 0 ${width} ${height}` });
  svg.append(
    element('rect', { width, height, fill: getComputedStyle(figure.closest('.card') ?? figure).backgroundColor }),
  );
  const textStyle = `font-family:${font};fill:${text}`;
  svg.append(element('text', { x: 8, y: 20, style: `${textStyle};font-size:15px;font-weight:600` }, spec.title));
  let y = 30;
  if (spec.note) {
    svg.append(element('text', { x: 8, y: y + 12, style: `${textStyle};font-size:12px` }, spec.note));
    y += 18;
  }
  const perRow = Math.max(1, Math.floor(width / 190));
  spec.legend?.forEach((item, k) => {
    const x = 8 + (k % perRow) * 190;
    const rowY = y + Math.floor(k / perRow) * 20 + 10;
    svg.append(
      element('line', {
        x1: x,
        x2: x + 22,
        y1: rowY,
        y2: rowY,
        style: `stroke:${item.color};stroke-width:3;stroke-dasharray:${item.dash ?? 'none'}`,
      }),
    );
    svg.append(element('text', { x: x + 28, y: rowY + 4, style: `${textStyle};font-size:12px` }, item.label));
  });
  y += legendRows * 20;
  if (spec.colorScale) {
    const defs = element('defs', {});
    const gradient = element('linearGradient', { id: `${spec.name}-scale` });
    spec.colorScale.forEach((stop) =>
      gradient.append(element('stop', { offset: stop.offset, 'stop-color': stop.color })),
    );
    defs.append(gradient);
    svg.append(defs);
    svg.append(element('text', { x: 8, y: y + 14, style: `${textStyle};font-size:12px` }, 'p = 0'));
    svg.append(element('rect', { x: 48, y: y + 4, width: 140, height: 12, fill: `url(#${spec.name}-scale)` }));
    svg.append(element('text', { x: 194, y: y + 14, style: `${textStyle};font-size:12px` }, '1'));
  }

  const content = element('g', { transform: `translate(0, ${header})` });
  // a painted field (the heatmap) goes in as an image; canvases of marks go in as vectors below
  const canvas = figure.querySelector<HTMLCanvasElement>('canvas:not(.marks-canvas)');
  const image = canvas ? canvasImage(canvas, bodyBox) : null;
  if (image) content.append(image);
  const marks = source.cloneNode(true) as SVGSVGElement;
  inlineStyles(source, marks);
  marks.removeAttribute('style');
  marks.setAttribute('x', '0');
  marks.setAttribute('y', '0');
  marks.setAttribute('overflow', 'visible');
  if (spec.marks) marks.insertBefore(marksToSvg(spec.marks.items, spec.marks.origin, spec.name), marks.firstChild);
  content.append(marks);
  svg.append(content);
  return svg;
}

function figureFileName(spec: FigureExportSpec, format: 'svg' | 'png'): string {
  return `quantization-playground-${spec.name}.${format}`;
}

/** Downloads the figure as SVG, or as a PNG at twice the screen size. */
export async function exportFigure(figure: HTMLElement, spec: FigureExportSpec, format: 'svg' | 'png'): Promise<void> {
  const svg = buildFigureSvg(figure, spec);
  const markup = new XMLSerializer().serializeToString(svg);
  const svgBlob = new Blob([markup], { type: 'image/svg+xml' });
  if (format === 'svg') {
    downloadBlob(svgBlob, figureFileName(spec, 'svg'));
    return;
  }
  const url = URL.createObjectURL(svgBlob);
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = Number(svg.getAttribute('width')) * scale;
    canvas.height = Number(svg.getAttribute('height')) * scale;
    const context = canvas.getContext('2d');
    if (!context) throw new Error(i18n.t('figures:export.noCanvas'));
    context.scale(scale, scale);
    context.drawImage(image, 0, 0);
    const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!png) throw new Error(i18n.t('figures:export.noPng'));
    downloadBlob(png, figureFileName(spec, 'png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
