/**
 * Draws a decoded image at `width` x `height` and reads its pixels: RGBA, row-major,
 * 4 bytes per pixel, made opaque (a transparent pixel reads as over black).
 */
export function readImagePixels(source: CanvasImageSource, width: number, height: number): Uint8ClampedArray {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('this browser gave no 2d canvas to read the image with');
  context.drawImage(source, 0, 0, width, height);
  const rgba = context.getImageData(0, 0, width, height).data;
  for (let i = 3; i < rgba.length; i += 4) rgba[i] = 255;
  return rgba;
}
