/**
 * The lab files' encode and decode times at 512 x 512 (issue 22: each <= 300 ms), in the bench
 * page: pixels (L = 5), the DCT mode (defaults: YCbCr 4:2:0, step 4) and the learned block and
 * conv models (the lab's architectures, C = 16). The image is made here: smooth gradients, edges
 * and noise, so the symbol streams are not trivial; the learned models' weights are seeded random
 * draws (a decoder's cost does not depend on its values). Each time is the median of 5 runs after
 * one warm-up run. The conv file is also decoded as the lab's coding worker decodes it, by bands
 * in min(hardwareConcurrency, 4) band workers (its own line; the page's thread waits meanwhile).
 */
import { decodeLabFileInBands } from '../src/image/coding/bandedDecode';
import { convBandPool } from '../src/image/coding/convBandPool';
import { decodeLabFile, encodeLabFile } from '../src/image/coding/container';
import { encodeLearnedPayload, type LearnedFileModel } from '../src/image/coding/learnedPayload';
import { encodePixelsPayload } from '../src/image/coding/pixelsPayload';
import { encodeDctPayload } from '../src/image/dctCoding';
import { dctImage, prepareLabImage } from '../src/image/labCompute';
import { makeCenters } from '../src/model/centers';
import { seededRandom } from '../src/model/random';

const SIDE = 512;

export interface CodingTiming {
  what: string;
  bytes: number;
  encodeMs: number;
  decodeMs: number;
}

function testImage(): Uint8ClampedArray {
  const random = seededRandom(22);
  const rgba = new Uint8ClampedArray(SIDE * SIDE * 4);
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      const at = 4 * (y * SIDE + x);
      const edge = (x >> 6) % 2 === (y >> 6) % 2 ? 40 : 0;
      rgba[at] = 100 + 80 * Math.sin(x / 37) + edge + 12 * random();
      rgba[at + 1] = (x + y) / 4 + 12 * random();
      rgba[at + 2] = 200 - y / 3 + edge + 12 * random();
      rgba[at + 3] = 255;
    }
  }
  return rgba;
}

function median(run: () => void): number {
  run();
  const times: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[2] as number;
}

async function medianAsync(run: () => Promise<unknown>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[2] as number;
}

/**
 * The conv file decoded as the lab's coding worker decodes it: by bands in the band workers
 * (here started from the page), checked against the one-piece decode byte for byte.
 */
async function timeBandedDecode(what: string, file: Uint8Array, encodeMs: number): Promise<CodingTiming | null> {
  const pool = convBandPool();
  if (pool === null) return null;
  const whole = decodeLabFile(file);
  const banded = await decodeLabFileInBands(file, pool.size, pool.runBand);
  if (!whole.ok || !banded.ok || banded.rgba.some((value, i) => value !== whole.rgba[i])) {
    throw new Error(`${what}: the banded decode differs from the one-piece decode`);
  }
  const decodeMs = await medianAsync(() => decodeLabFileInBands(file, pool.size, pool.runBand));
  return { what: `${what}, decoded in ${pool.size} band workers`, bytes: file.length, encodeMs, decodeMs };
}

function timeFile(what: string, encode: () => Uint8Array): CodingTiming {
  let file = encode();
  const encodeMs = median(() => (file = encode()));
  let ok = true;
  const decodeMs = median(() => (ok = decodeLabFile(file).ok));
  if (!ok) throw new Error(`${what}: the file does not decode`);
  return { what, bytes: file.length, encodeMs, decodeMs };
}

export async function runCodingBench(): Promise<CodingTiming[]> {
  const rgba = testImage();
  const image = prepareLabImage(rgba, SIDE, SIDE);
  const timings: CodingTiming[] = [];

  // pixels, L = 5: the nearest center's index of every value mapped onto [c_1, c_L]
  const centers = makeCenters(5, 1);
  const indices = new Uint8Array(image.planes.length);
  for (let i = 0; i < indices.length; i++) indices[i] = Math.round(((image.planes[i] as number) / 255) * 4);
  timings.push(
    timeFile('pixels, L = 5', () =>
      encodeLabFile('pixels', SIDE, SIDE, encodePixelsPayload({ width: SIDE, height: SIDE, centers, indices })),
    ),
  );

  // DCT at its defaults: q = round(coefficient / (table x step x spacing))
  const dct = dctImage(image, 'ycbcr420');
  const settings = { colour: 'ycbcr420' as const, step: 4, spacing: 1 };
  const symbols = new Int32Array(dct.coefficients.length);
  for (let i = 0; i < symbols.length; i++) {
    symbols[i] = Math.round((dct.coefficients[i] as number) / ((dct.table[i] as number) * settings.step));
  }
  timings.push(
    timeFile('DCT, YCbCr 4:2:0, step 4', () =>
      encodeLabFile('dct', SIDE, SIDE, encodeDctPayload(symbols, dct.layout, settings)),
    ),
  );

  // learned: the decoder's weights and 64 x 64 rows of 16 symbols
  const random = seededRandom(7);
  const levels = makeCenters(5, 1);
  const rows = (SIDE / 8) * (SIDE / 8);
  const latentSymbols = Uint8Array.from({ length: rows * 16 }, () => Math.floor(random() * 5));
  const models: Array<[string, LearnedFileModel, number[]]> = [
    [
      'learned block model 192-64-16-64-192',
      { kind: 'block', blockSize: 8, hidden: 64, channels: 16 },
      [1024, 64, 12288, 192],
    ],
    [
      'learned conv model 3-32-32-16-32-32-3, 5x5',
      { kind: 'conv', kernelSize: 5, filters: 32, channels: 16 },
      [12800, 32, 25600, 32, 2400, 3],
    ],
  ];
  for (const [what, model, sizes] of models) {
    const decoder = sizes.map((size) => Float32Array.from({ length: size }, () => (random() - 0.5) * 0.2));
    const encodeFile = () =>
      encodeLabFile(
        'learned',
        SIDE,
        SIDE,
        encodeLearnedPayload({ width: SIDE, height: SIDE, model, centers: levels, decoder, indices: latentSymbols }),
      );
    const timing = timeFile(what, encodeFile);
    timings.push(timing);
    // the lab's coding worker decodes conv files by bands in its sub-workers
    const banded = model.kind === 'conv' ? await timeBandedDecode(what, encodeFile(), timing.encodeMs) : null;
    if (banded !== null) timings.push(banded);
  }
  return timings;
}
