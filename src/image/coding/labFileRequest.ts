/**
 * A lab file's makings as plain data: what the pixels, DCT and learned transforms code, small
 * enough to send to the lab's coding worker (structured clone), which encodes it there off the
 * page's thread (labWorker.ts encodeLabFileOffThread, codeLabFileOffThread). The same function encodes it on this thread where there
 * is no worker, so the bytes do not depend on where they were made.
 */
import { encodeDctPayload } from '../dctCoding';
import { dctLayout, type DctColour } from '../dctPlanes';
import { encodeLabFile } from './container';
import { encodeLearnedPayload, type LearnedFileModel } from './learnedPayload';
import { encodePixelsPayload } from './pixelsPayload';

export type LabFileRequest =
  | {
      transform: 'pixels';
      width: number;
      height: number;
      /** [L] the quantizer's centers */
      centers: Float32Array;
      /** [3, H, W] hard indices 0..L-1 */
      indices: Float32Array;
    }
  | {
      transform: 'dct';
      width: number;
      height: number;
      colour: DctColour;
      step: number;
      /** the grid's spacing (the step is multiplied by it) */
      spacing: number;
      /** [layout.size] the hard symbols q, in dctLayout(width, height, colour) order */
      symbols: Int32Array;
    }
  | {
      transform: 'learned';
      width: number;
      height: number;
      model: LearnedFileModel;
      /** [L] the latent centers */
      centers: Float32Array;
      /** the decoder's tensors in file order (learnedPayload.ts decoderSizes) */
      decoder: Float32Array[];
      /** [rows, C] the latents' hard indices */
      indices: Float32Array;
    };

/** The whole file (header, payload, checksum) for a request. */
export function encodeLabFileRequest(request: LabFileRequest): Uint8Array {
  const { width, height } = request;
  if (request.transform === 'pixels') {
    const { centers, indices } = request;
    return encodeLabFile('pixels', width, height, encodePixelsPayload({ width, height, centers, indices }));
  }
  if (request.transform === 'learned') {
    const { model, centers, decoder, indices } = request;
    const payload = encodeLearnedPayload({ width, height, model, centers, decoder, indices });
    return encodeLabFile('learned', width, height, payload);
  }
  const { colour, step, spacing, symbols } = request;
  const payload = encodeDctPayload(symbols, dctLayout(width, height, colour), { colour, step, spacing });
  return encodeLabFile('dct', width, height, payload);
}
