import { interpolateViridis } from 'd3';

/** Viridis (perceptual, colour-blind safe) as 256 RGBA entries, for painting ImageData fast. */
export const VIRIDIS_LUT: Uint8ClampedArray = (() => {
  const lut = new Uint8ClampedArray(256 * 4);
  for (let k = 0; k < 256; k++) {
    const hex = interpolateViridis(k / 255); // "#rrggbb"
    lut[k * 4] = parseInt(hex.slice(1, 3), 16);
    lut[k * 4 + 1] = parseInt(hex.slice(3, 5), 16);
    lut[k * 4 + 2] = parseInt(hex.slice(5, 7), 16);
    lut[k * 4 + 3] = 255;
  }
  return lut;
})();

/** Stops for an SVG gradient legend of the same colour map. */
export const VIRIDIS_STOPS = Array.from({ length: 11 }, (_, k) => ({
  offset: k / 10,
  color: interpolateViridis(k / 10),
}));

/** The value of a colour custom property (e.g. --c-soft) as the page resolves it now. */
export function cssColor(property: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(property).trim() || 'currentColor';
}
