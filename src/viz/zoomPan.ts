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
