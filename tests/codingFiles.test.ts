import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeLabFile, encodeLabFile } from '../src/image/coding/container';
import { weightStep } from '../src/image/coding/learnedPayload';
import { encodePixelsPayload } from '../src/image/coding/pixelsPayload';
import { computeLab, labInputs, prepareLabImage } from '../src/image/labCompute';
import { blocksToImage, imageToBlocks } from '../src/image/learned/blocks';
import { CONV_PARAMETER_NAMES, createConvModel, decodeConv, type ConvModel } from '../src/image/learned/conv';
import { readVariables } from '../src/image/learned/model';
import { blockCodec } from '../src/image/learned/blockCodec';
import { createBlockModel, decode, encode, quantize, readParameters } from '../src/image/learned/model';
import { decodeBlocksPlain, decodeConvPlain, plainTanh } from '../src/image/learned/plainDecoder';
import { makeCenters } from '../src/model/centers';
import { seededRandom } from '../src/model/random';
import { useCpuBackend } from './setup-cpu';
import { tfImageQuantizerSync } from './blocking';

/** The conv model's parameters' current values, copied out. */
const readConvParameters = (model: ConvModel) => readVariables(CONV_PARAMETER_NAMES, model.variables);

beforeAll(useCpuBackend);

/** A smooth test image with some noise, so that codes have something to say. */
function testImage(width: number, height: number, seed: number): Uint8ClampedArray {
  const random = seededRandom(seed);
  const rgba = new Uint8ClampedArray(4 * width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = 4 * (y * width + x);
      rgba[at] = 128 + 100 * Math.sin(x / 5) + 20 * random();
      rgba[at + 1] = (x * 255) / width;
      rgba[at + 2] = (y * 255) / height + 10 * random();
      rgba[at + 3] = 255;
    }
  }
  return rgba;
}

const maxDifference = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let most = 0;
  for (let i = 0; i < a.length; i++) most = Math.max(most, Math.abs((a[i] as number) - (b[i] as number)));
  return most;
};

describe('plain float64 decoders', () => {
  it('plainTanh agrees with Math.tanh to 1e-15 over [-30, 30], and is odd', () => {
    let worst = 0;
    let odd = true;
    for (let x = -30; x <= 30; x += 0.0137) {
      worst = Math.max(worst, Math.abs(plainTanh(x) - Math.tanh(x)));
      odd &&= plainTanh(-x) === -plainTanh(x);
    }
    expect(worst).toBeLessThan(1e-15);
    expect(odd).toBe(true);
    expect(plainTanh(0)).toBe(0);
    expect(Number.isNaN(plainTanh(NaN))).toBe(true);
  });

  it("the block decoder equals tfjs's decode (model.ts) to float32 precision", () => {
    const config = {
      blockSize: 4,
      hidden: 12,
      channels: 5,
      centers: [-2, -1, 0, 1, 2],
      distance: 'l2' as const,
      seed: 3,
    };
    const model = createBlockModel(config);
    const random = seededRandom(5);
    const latents = Float32Array.from({ length: 7 * 5 }, () => Math.floor(random() * 5) - 2);
    const expected = tf.tidy(() => decode(model, tf.tensor2d(latents, [7, 5])).dataSync());
    const p = readParameters(model);
    const plain = decodeBlocksPlain(
      {
        w3: Float64Array.from(p.w3),
        b3: Float64Array.from(p.b3),
        w4: Float64Array.from(p.w4),
        b4: Float64Array.from(p.b4),
      },
      5,
      Float64Array.from(latents),
    );
    expect(maxDifference(plain, expected)).toBeLessThan(1e-5);
    model.dispose();
  });

  it("the conv decoder equals tfjs's conv2dTranspose chain (conv.ts) for kernels 1, 3 and 5", () => {
    for (const kernelSize of [1, 3, 5]) {
      const config = {
        channels: 3,
        filters: 4,
        kernelSize,
        centers: [-1, 0, 1],
        distance: 'l2' as const,
        seed: kernelSize,
      };
      const model = createConvModel(config);
      // non-zero biases, so their placement is checked too
      for (const name of ['decoderBias1', 'decoderBias2', 'decoderBias3'] as const) {
        model.variables[name].assign(tf.randomUniform(model.variables[name].shape, -0.3, 0.3, 'float32', 9));
      }
      const random = seededRandom(kernelSize + 10);
      const [h, w] = [2, 3];
      const latents = Float32Array.from({ length: h * w * 3 }, () => Math.floor(random() * 3) - 1);
      const expected = tf.tidy(() => decodeConv(model, tf.tensor4d(latents, [1, h, w, 3])).dataSync());
      const p = readConvParameters(model);
      const plain = decodeConvPlain(
        {
          filter1: Float64Array.from(p.decoderFilter1),
          bias1: Float64Array.from(p.decoderBias1),
          filter2: Float64Array.from(p.decoderFilter2),
          bias2: Float64Array.from(p.decoderBias2),
          filter3: Float64Array.from(p.decoderFilter3),
          bias3: Float64Array.from(p.decoderBias3),
        },
        kernelSize,
        3,
        h,
        w,
        Float64Array.from(latents),
      );
      expect(plain.length).toBe(expected.length);
      expect(maxDifference(plain, expected), `k = ${kernelSize}`).toBeLessThan(1e-5);
      model.dispose();
    }
  });
});

describe('the pixels file', () => {
  const width = 37;
  const height = 23;
  const image = prepareLabImage(testImage(width, height, 1), width, height);

  it("decodes to the lab's hard image bit for bit, for several L and spacings", async () => {
    for (const [count, spacing] of [
      [2, 1],
      [5, 0.37],
      [16, 1],
      [64, 2.5],
    ] as const) {
      const centers = makeCenters(count, spacing);
      const settings = { transform: 'pixels' as const, step: 1, centers, withMsssim: false };
      const quantize = tfImageQuantizerSync({ centers, temperature: 1, distance: 'l2' });
      const result = await computeLab(image, settings, quantize);
      const { index } = quantize(labInputs(image, settings));
      const file = encodeLabFile(
        'pixels',
        width,
        height,
        encodePixelsPayload({ width, height, centers, indices: index }),
      );
      const decoded = decodeLabFile(file);
      expect(decoded.ok && decoded.transform).toBe('pixels');
      expect(decoded.ok && Array.from(decoded.rgba)).toEqual(Array.from(result.hard));
      // the file's bits: the estimate, plus the adaptive models' learning, the header and the checksum
      const estimateBits = result.bpp * width * height;
      expect(8 * file.length).toBeGreaterThan(estimateBits * 0.98);
      expect(8 * file.length).toBeLessThan(estimateBits * 1.05 + 8 * (14 + 1 + 4 * count) + 3 * count * 8);
    }
  });

  it('a damaged, truncated or extended file is refused with a reason, never decoded (fuzz)', () => {
    const centers = makeCenters(8, 1);
    const settings = { transform: 'pixels' as const, step: 1, centers };
    const { index } = tfImageQuantizerSync({ centers, temperature: 1, distance: 'l2' })(labInputs(image, settings));
    const file = encodeLabFile(
      'pixels',
      width,
      height,
      encodePixelsPayload({ width, height, centers, indices: index }),
    );
    fc.assert(
      fc.property(
        fc.nat(file.length - 1),
        fc.integer({ min: 1, max: 255 }),
        fc.nat(file.length - 1),
        (at, flip, keep) => {
          const damaged = file.slice();
          damaged[at] = (damaged[at] as number) ^ flip;
          expect(decodeLabFile(damaged).ok).toBe(false);
          expect(decodeLabFile(file.subarray(0, keep)).ok).toBe(false);
        },
      ),
      { numRuns: 100, seed: 25 },
    );
    expect(decodeLabFile(Uint8Array.from([...file, 0])).ok).toBe(false);
  });
});

describe('the learned file', () => {
  it("holds the decoder's quantized weights and the symbols: its image is the plain decoder's on them", () => {
    const width = 24;
    const height = 16;
    const centers = [-2, -1, 0, 1, 2];
    const config = { blockSize: 8, hidden: 8, channels: 3, centers, distance: 'l1' as const, seed: 4 };
    const model = createBlockModel(config);
    const image = prepareLabImage(testImage(width, height, 2), width, height);
    const result = blockCodec(model).labResult(image, 1);
    const file = result.file as Uint8Array;
    const decoded = decodeLabFile(file);
    expect(decoded.ok && Array.from(decoded.rgba)).toEqual(Array.from(result.hard));
    // independently: the tfjs encoder's hard symbols, the decoder's weights dequantized by hand
    const { blocks, grid } = imageToBlocks({ data: image.rgba, width, height }, 8);
    const rows = blocks.length / 192;
    const indices = tf.tidy(() => {
      const latents = encode(model, tf.tensor2d(blocks, [rows, 192]));
      return tf.argMax(quantize(model, latents, 'hard', 1).nearest, 1).dataSync();
    });
    const p = readParameters(model);
    const dequantize = (values: Float32Array) => {
      const step = weightStep(values);
      return Float64Array.from(values, (v) => Math.round(v / step) * step);
    };
    const plain = decodeBlocksPlain(
      { w3: dequantize(p.w3), b3: dequantize(p.b3), w4: dequantize(p.w4), b4: dequantize(p.b4) },
      3,
      Float64Array.from(indices, (j) => centers[j] as number),
    );
    expect(Array.from(blocksToImage(plain, grid))).toEqual(Array.from(result.hard));
    // the tfjs float32 model on the same symbols gives nearly the same image (weights at about 5 bits)
    const evaluation = blockCodec(model).evaluate({ data: image.rgba, width, height });
    expect(Math.abs(result.psnr - evaluation.psnr)).toBeLessThan(0.1);
    // the rate counts the weights: the file is far above the symbols' estimate
    const weightCount = 3 * 8 + 8 + 8 * 192 + 192;
    expect(8 * file.length).toBeGreaterThan(result.bpp * width * height + 3 * weightCount);
    model.dispose();
  });

  it('a damaged or truncated learned file is refused', () => {
    const width = 16;
    const height = 8;
    const model = createBlockModel({
      blockSize: 8,
      hidden: 4,
      channels: 2,
      centers: [-1, 0, 1],
      distance: 'l2',
      seed: 1,
    });
    const file = blockCodec(model).labResult(prepareLabImage(testImage(width, height, 3), width, height), 1)
      .file as Uint8Array;
    model.dispose();
    for (const keep of [3, 10, 20, file.length - 1]) expect(decodeLabFile(file.subarray(0, keep)).ok).toBe(false);
    const damaged = file.slice();
    damaged[30] = (damaged[30] as number) ^ 4;
    expect(decodeLabFile(damaged)).toMatchObject({ ok: false, reason: 'damaged' });
  });
});
