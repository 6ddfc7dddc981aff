/**
 * A minimal PNG reader for node tests and scripts (8-bit greyscale, RGB or RGBA, not interlaced):
 * the lab's own images are such PNGs. Returns RGBA [H, W, 4].
 */
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

export function readPng(path: string): { rgba: Uint8ClampedArray; width: number; height: number } {
  const bytes = readFileSync(path);
  let at = 8;
  let width = 0;
  let height = 0;
  let colourType = 0;
  const data: Buffer[] = [];
  while (at < bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8 || body[12] !== 0) throw new Error(`${path}: only 8-bit, non-interlaced PNGs`);
      colourType = body[9] as number;
    } else if (type === 'IDAT') data.push(body);
    at += 12 + length;
  }
  const channels = ({ 0: 1, 2: 3, 6: 4 } as Record<number, number>)[colourType];
  if (channels === undefined) throw new Error(`${path}: PNG colour type ${colourType} is not read here`);
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] as number;
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x] as number;
      const a = x >= channels ? (pixels[y * stride + x - channels] as number) : 0;
      const b = y > 0 ? (pixels[(y - 1) * stride + x] as number) : 0;
      const c = x >= channels && y > 0 ? (pixels[(y - 1) * stride + x - channels] as number) : 0;
      let predicted = 0;
      if (filter === 1) predicted = a;
      else if (filter === 2) predicted = b;
      else if (filter === 3) predicted = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  const rgba = new Uint8ClampedArray(4 * width * height);
  for (let i = 0; i < width * height; i++) {
    for (let k = 0; k < 3; k++) rgba[4 * i + k] = pixels[i * channels + (channels >= 3 ? k : 0)] as number;
    rgba[4 * i + 3] = 255;
  }
  return { rgba, width, height };
}
