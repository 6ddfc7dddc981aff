/**
 * The shared view of the image lab's canvases: image pixel (u, v) is drawn at screen
 * (x + u * scale, y + v * scale), in CSS px of each canvas. Pure functions, tested in node.
 */
export interface ZoomPan {
  scale: number;
  x: number;
  y: number;
}

export const ZOOM_LIMITS = { min: 0.05, max: 64 } as const;

/** The view that fits a width x height image into a box, centred. */
export function fitView(width: number, height: number, boxWidth: number, boxHeight: number): ZoomPan {
  const scale = Math.min(boxWidth / width, boxHeight / height);
  return { scale, x: (boxWidth - width * scale) / 2, y: (boxHeight - height * scale) / 2 };
}

/** Zoom by `factor` keeping the screen point (px, py) on the same image pixel; scale clamped. */
export function zoomAt(view: ZoomPan, factor: number, px: number, py: number): ZoomPan {
  const scale = Math.min(ZOOM_LIMITS.max, Math.max(ZOOM_LIMITS.min, view.scale * factor));
  const k = scale / view.scale;
  return { scale, x: px - (px - view.x) * k, y: py - (py - view.y) * k };
}

export function panBy(view: ZoomPan, dx: number, dy: number): ZoomPan {
  return { ...view, x: view.x + dx, y: view.y + dy };
}

/** The image pixel under screen (px, py), or null outside the image. */
export function pixelAt(
  view: ZoomPan,
  px: number,
  py: number,
  width: number,
  height: number,
): { u: number; v: number } | null {
  const u = Math.floor((px - view.x) / view.scale);
  const v = Math.floor((py - view.y) / view.scale);
  return u >= 0 && v >= 0 && u < width && v < height ? { u, v } : null;
}

/**
 * The view as a link holds it, independent of the box's size: `zoom` relative to the fitted view
 * (1 = the whole image fits), and the image point at the box's centre as fractions of the
 * width and height (0.5, 0.5 = the middle).
 */
export interface LinkView {
  zoom: number;
  focusX: number;
  focusY: number;
}

export function viewFromLink(link: LinkView, width: number, height: number, box: number): ZoomPan {
  const fitted = fitView(width, height, box, box);
  const scale = Math.min(ZOOM_LIMITS.max, Math.max(ZOOM_LIMITS.min, fitted.scale * link.zoom));
  return { scale, x: box / 2 - link.focusX * width * scale, y: box / 2 - link.focusY * height * scale };
}

/** The inverse of viewFromLink, rounded to what a link needs (4 significant digits, 1e-4 of a side). */
export function linkFromView(view: ZoomPan, width: number, height: number, box: number): LinkView {
  const fitted = fitView(width, height, box, box);
  const clamp01 = (value: number) => Math.min(1, Math.max(0, value));
  const round = (value: number) => Math.round(value * 1e4) / 1e4;
  return {
    zoom: Number((view.scale / fitted.scale).toPrecision(4)),
    focusX: round(clamp01((box / 2 - view.x) / (width * view.scale))),
    focusY: round(clamp01((box / 2 - view.y) / (height * view.scale))),
  };
}
