import { viridis, VIRIDIS_RGB } from '../image/viridis';

/** Viridis (image/viridis.ts) as 256 RGBA entries, for painting ImageData fast. */
export const VIRIDIS_LUT: Uint8ClampedArray = Uint8ClampedArray.from({ length: 256 * 4 }, (_, i) =>
  i % 4 === 3 ? 255 : (VIRIDIS_RGB[3 * (i >> 2) + (i % 4)] as number),
);

/** Stops for an SVG gradient legend of the same colour map. */
export const VIRIDIS_STOPS = Array.from({ length: 11 }, (_, k) => ({
  offset: k / 10,
  color: viridis(k / 10),
}));

/** The value of a colour custom property (e.g. --c-soft) as the page resolves it now. */
export function cssColor(property: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(property).trim() || 'currentColor';
}
