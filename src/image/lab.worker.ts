/**
 * The image lab's slow work, off the page's thread: MS-SSIM (about 0.4 s per image on a 2-core
 * machine), the browser codec sweep (16 encodes, decodes and MS-SSIMs), the encoding of each
 * press's lab file (and, for a learned press, its decoding: the hard view) and the decoding of a
 * lab file the person opens. The page's
 * thread stays free for the next press. Protocol: labWorker.ts.
 */
import { browserCodecHost, sweepCodecs } from './codecs';
import { decodeLabFileInBands } from './coding/bandedDecode';
import { convBandPool } from './coding/convBandPool';
import { decodeLabFile, type DecodeResult } from './coding/container';
import { encodeLabFileRequest } from './coding/labFileRequest';
import type { LabWorkerReply, LabWorkerRequest } from './labWorker';
import { msssim } from './metrics';

const cancelled = new Set<number>();
const reply = (message: LabWorkerReply) => (self as unknown as Worker).postMessage(message);

/** A file decoded here, a conv file's decoder run by bands in sub-workers where they can start. */
async function decodeHere(bytes: Uint8Array): Promise<DecodeResult> {
  const pool = convBandPool();
  return pool === null ? decodeLabFile(bytes) : decodeLabFileInBands(bytes, pool.size, pool.runBand);
}

self.onmessage = async (event: MessageEvent<LabWorkerRequest>) => {
  const request = event.data;
  try {
    if (request.kind === 'cancel') {
      cancelled.add(request.id);
    } else if (request.kind === 'decode') {
      reply({ id: request.id, kind: 'decoded', result: await decodeHere(request.bytes) });
    } else if (request.kind === 'encode') {
      const bytes = encodeLabFileRequest(request.request);
      (self as unknown as Worker).postMessage({ id: request.id, kind: 'encoded', bytes } satisfies LabWorkerReply, [
        bytes.buffer,
      ]);
    } else if (request.kind === 'code') {
      const bytes = encodeLabFileRequest(request.request);
      reply({ id: request.id, kind: 'coded', bytes, decoded: await decodeHere(bytes) });
    } else if (request.kind === 'msssim') {
      const { original, images, width, height } = request;
      reply({ id: request.id, kind: 'msssim', results: images.map((image) => msssim(original, image, width, height)) });
    } else {
      const { rgba, width, height } = request;
      for await (const progress of sweepCodecs(rgba, width, height, browserCodecHost())) {
        if (cancelled.delete(request.id)) return;
        reply({ id: request.id, kind: 'progress', progress });
      }
      reply({ id: request.id, kind: 'done' });
    }
  } catch (error) {
    reply({ id: request.id, kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
