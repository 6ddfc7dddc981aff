/**
 * The lab's press files are made from a request a worker can receive (coding/labFileRequest.ts):
 * made there or here, they are the same bytes, and the ones the synchronous path writes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeLabFile } from '../src/image/coding/container';
import type { LabFileRequest } from '../src/image/coding/labFileRequest';
import { encodeLabFileRequest } from '../src/image/coding/labFileRequest';
import { computeLab, prepareLabImage, type LabSettings } from '../src/image/labCompute';
import { encodeLabFileOffThread } from '../src/image/labWorker';
import { makeCenters } from '../src/model/centers';
import { seededRandom } from '../src/model/random';
import { useCpuBackend } from './setup-cpu';
import { tfImageQuantizerSync } from './blocking';

beforeAll(useCpuBackend);

function testRgba(width: number, height: number): Uint8ClampedArray {
  const random = seededRandom(12);
  return Uint8ClampedArray.from({ length: 4 * width * height }, (_, i) =>
    i % 4 === 3 ? 255 : 60 + ((i * 7) % 150) + 30 * random(),
  );
}

describe('a press file made from its request', () => {
  const [width, height] = [21, 13];
  const rgba = testRgba(width, height);
  const cases: LabSettings[] = [
    { transform: 'pixels', step: 1, centers: makeCenters(5, 1), withMsssim: false },
    { transform: 'dct', step: 2, colour: 'ycbcr420', centers: makeCenters(3, 1), withMsssim: false },
  ];

  it('through an injected encoder (as the worker gets it: a structured clone) equals the synchronous file', async () => {
    for (const settings of cases) {
      const quantize = tfImageQuantizerSync({ centers: settings.centers, temperature: 1, distance: 'l2' });
      // a fresh image each time: the lab keeps the last hard part per image
      const here = await computeLab(prepareLabImage(rgba, width, height), settings, quantize);
      const requests: LabFileRequest[] = [];
      const elsewhere = await computeLab(prepareLabImage(rgba, width, height), settings, quantize, (request) => {
        requests.push(request);
        return Promise.resolve(encodeLabFileRequest(structuredClone(request)));
      });
      expect(requests.map((request) => request.transform)).toEqual([settings.transform]);
      expect(Array.from(elsewhere.file ?? [])).toEqual(Array.from(here.file ?? [1]));
      const decoded = decodeLabFile(elsewhere.file as Uint8Array);
      expect(decoded.ok && Array.from(decoded.rgba)).toEqual(Array.from(elsewhere.hard));
    }
  });

  it('encodeLabFileOffThread encodes on this thread where there is no worker (node)', async () => {
    const request: LabFileRequest = {
      transform: 'pixels',
      width: 2,
      height: 1,
      centers: Float32Array.from([-1, 1]),
      indices: Float32Array.from([0, 1, 1, 0, 0, 1]),
    };
    expect(Array.from(await encodeLabFileOffThread(request))).toEqual(Array.from(encodeLabFileRequest(request)));
  });
});
