import { message, type Message } from '../i18n/message';
/**
 * The browser's own JPEG and WebP on the lab's image, over a sweep of qualities, for the
 * rate-distortion plot. The encoder and decoder sit behind CodecHost so node tests run without a
 * canvas; browserCodecHost() is the real one.
 */
import { msssim, psnr } from './metrics';

export type CodecName = 'jpeg' | 'webp';
export const CODEC_MIME: Record<CodecName, string> = { jpeg: 'image/jpeg', webp: 'image/webp' };
/**
 * Qualities of the default sweep (canvas quality, 0..1), from the lowest the encoder has (0.01,
 * its quality 1: the smallest file it can write, so the lab's codecs are compared with it at equal
 * bits down to there rather than with a larger file).
 */
export const DEFAULT_QUALITIES: readonly number[] = [0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.85, 0.95];

export interface EncodedImage {
  /** the MIME type the browser actually produced (may differ from the one asked for) */
  type: string;
  /** size of the encoded file in bytes */
  bytes: number;
  /** the opaque encoded data, handed back to decode */
  data: Blob;
}

export interface CodecHost {
  encode(rgba: Uint8ClampedArray, width: number, height: number, mime: string, quality: number): Promise<EncodedImage>;
  /** decoded RGBA [H, W, 4] of the same size */
  decode(encoded: EncodedImage, width: number, height: number): Promise<Uint8ClampedArray>;
}

export interface CodecPoint {
  codec: CodecName;
  quality: number;
  /** 8 x bytes / (W H): the real file, headers included */
  bpp: number;
  psnr: number;
  /** null below 176 px (see metrics.msssim) */
  msssim: number | null;
}

export type CodecProgress =
  | { kind: 'point'; point: CodecPoint; done: number; total: number }
  | { kind: 'skipped'; codec: CodecName; reason: Message; done: number; total: number };

/**
 * Encodes, decodes and measures each codec at each quality, one at a time, yielding after each
 * so the caller can update progress and give the page back between points (await a frame or a
 * timeout between iterations). A codec whose blob comes back with another type (Safari and older
 * Firefox return PNG for WebP) is skipped with a reason, once.
 */
export async function* sweepCodecs(
  rgba: Uint8ClampedArray,
  width: number,
  height: number,
  host: CodecHost,
  codecs: readonly CodecName[] = ['jpeg', 'webp'],
  qualities: readonly number[] = DEFAULT_QUALITIES,
): AsyncGenerator<CodecProgress> {
  const total = codecs.length * qualities.length;
  let done = 0;
  for (const codec of codecs) {
    for (const quality of qualities) {
      const encoded = await host.encode(rgba, width, height, CODEC_MIME[codec], quality);
      if (encoded.type !== CODEC_MIME[codec]) {
        done += qualities.length - qualities.indexOf(quality);
        yield {
          kind: 'skipped',
          codec,
          reason: message('lab:messages.codecMissing', {
            codec: codec.toUpperCase(),
            asked: CODEC_MIME[codec],
            got: encoded.type || message('lab:messages.codecNothing'),
          }),
          done,
          total,
        };
        break;
      }
      const decoded = await host.decode(encoded, width, height);
      done += 1;
      const point: CodecPoint = {
        codec,
        quality,
        bpp: (8 * encoded.bytes) / (width * height),
        psnr: psnr(rgba, decoded),
        msssim: msssim(rgba, decoded, width, height).value,
      };
      yield { kind: 'point', point, done, total };
    }
  }
}

/**
 * The real host: OffscreenCanvas where there is one (also inside a worker: labWorker.ts), else a
 * DOM canvas; createImageBitmap to decode.
 */
export function browserCodecHost(): CodecHost {
  const makeCanvas = (width: number, height: number) => {
    if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    return canvas;
  };
  const context = (canvas: OffscreenCanvas | HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
    if (ctx === null) throw new Error('no 2d canvas context: the codec comparison needs one');
    return ctx;
  };
  return {
    async encode(rgba, width, height, mime, quality) {
      const canvas = makeCanvas(width, height);
      context(canvas).putImageData(new ImageData(new Uint8ClampedArray(rgba), width, height), 0, 0);
      const blob = !('convertToBlob' in canvas)
        ? await new Promise<Blob>((resolve, reject) =>
            canvas.toBlob(
              (b) => (b === null ? reject(new Error(`canvas.toBlob gave nothing for ${mime}`)) : resolve(b)),
              mime,
              quality,
            ),
          )
        : await canvas.convertToBlob({ type: mime, quality });
      return { type: blob.type, bytes: blob.size, data: blob };
    },
    async decode(encoded, width, height) {
      const bitmap = await createImageBitmap(encoded.data);
      try {
        const canvas = makeCanvas(width, height);
        const ctx = context(canvas);
        ctx.drawImage(bitmap, 0, 0);
        return ctx.getImageData(0, 0, width, height).data;
      } finally {
        bitmap.close();
      }
    },
  };
}
