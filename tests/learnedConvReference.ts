/**
 * A float64 reference of the learned conv codec's loss (src/image/learned/conv.ts and
 * convCodec.ts), written independently of tfjs: plain loops over Float64Arrays. Convolutions
 * follow TensorFlow's 'same' padding; the transposed convolution is written as the adjoint of the
 * strided convolution (it scatters each input value through the kernel), not as tfjs computes it.
 */
import {
  CONV_PARAMETER_NAMES,
  convParameterShapes,
  type ConvModelConfig,
  type ConvParameterName,
} from '../src/image/learned/conv';
import { referenceQuantizer, referenceRate, type Offsets, type ReferenceSetting } from './learnedReference';

export type ConvParameters64 = Record<ConvParameterName, Float64Array>;

/** A feature map [B, H, W, M] row-major, float64. */
export interface Map64 {
  values: Float64Array;
  batch: number;
  height: number;
  width: number;
  maps: number;
}

const STRIDE = 2;

/** TensorFlow's 'same' padding before the first row (column) for a stride-2 convolution of `side`. */
function padBefore(side: number, kernel: number): number {
  const out = Math.ceil(side / STRIDE);
  return Math.floor(Math.max((out - 1) * STRIDE + kernel - side, 0) / 2);
}

/** conv2d stride 2 'same', filter [k, k, in, out], plus bias [out]. */
export function referenceConv(x: Map64, filter: Float64Array, bias: Float64Array, k: number, out: number): Map64 {
  const height = Math.ceil(x.height / STRIDE);
  const width = Math.ceil(x.width / STRIDE);
  const top = padBefore(x.height, k);
  const left = padBefore(x.width, k);
  const values = new Float64Array(x.batch * height * width * out);
  for (let b = 0; b < x.batch; b++) {
    for (let oy = 0; oy < height; oy++) {
      for (let ox = 0; ox < width; ox++) {
        for (let co = 0; co < out; co++) {
          let sum = bias[co] as number;
          for (let ky = 0; ky < k; ky++) {
            const iy = oy * STRIDE + ky - top;
            if (iy < 0 || iy >= x.height) continue;
            for (let kx = 0; kx < k; kx++) {
              const ix = ox * STRIDE + kx - left;
              if (ix < 0 || ix >= x.width) continue;
              for (let ci = 0; ci < x.maps; ci++) {
                const input = x.values[((b * x.height + iy) * x.width + ix) * x.maps + ci] as number;
                sum += input * (filter[((ky * k + kx) * x.maps + ci) * out + co] as number);
              }
            }
          }
          values[((b * height + oy) * width + ox) * out + co] = sum;
        }
      }
    }
  }
  return { values, batch: x.batch, height, width, maps: out };
}

/**
 * conv2dTranspose stride 2 'same' to twice the size, filter [k, k, out, in], plus bias [out]:
 * the adjoint of referenceConv with the same filter read as [k, k, out, in].
 */
export function referenceConvTranspose(
  x: Map64,
  filter: Float64Array,
  bias: Float64Array,
  k: number,
  out: number,
): Map64 {
  const height = x.height * STRIDE;
  const width = x.width * STRIDE;
  const top = padBefore(height, k);
  const left = padBefore(width, k);
  const values = new Float64Array(x.batch * height * width * out);
  for (let b = 0; b < x.batch; b++) {
    for (let iy = 0; iy < x.height; iy++) {
      for (let ix = 0; ix < x.width; ix++) {
        for (let ci = 0; ci < x.maps; ci++) {
          const input = x.values[((b * x.height + iy) * x.width + ix) * x.maps + ci] as number;
          for (let ky = 0; ky < k; ky++) {
            const oy = iy * STRIDE + ky - top;
            if (oy < 0 || oy >= height) continue;
            for (let kx = 0; kx < k; kx++) {
              const ox = ix * STRIDE + kx - left;
              if (ox < 0 || ox >= width) continue;
              for (let co = 0; co < out; co++) {
                const at = ((b * height + oy) * width + ox) * out + co;
                values[at] =
                  (values[at] as number) + input * (filter[((ky * k + kx) * out + co) * x.maps + ci] as number);
              }
            }
          }
        }
      }
    }
  }
  for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) + (bias[i % out] as number);
  return { values, batch: x.batch, height, width, maps: out };
}

const tanh = (m: Map64): Map64 => ({ ...m, values: m.values.map(Math.tanh) });

/** z [B, H/8, W/8, C] */
export function referenceConvLatents(p: ConvParameters64, config: ConvModelConfig, x: Map64): Map64 {
  const { kernelSize: k, filters: f, channels: c } = config;
  const h1 = tanh(referenceConv(x, p.encoderFilter1, p.encoderBias1, k, f));
  const h2 = tanh(referenceConv(h1, p.encoderFilter2, p.encoderBias2, k, f));
  return referenceConv(h2, p.encoderFilter3, p.encoderBias3, k, c);
}

/** y [B, H, W, 3] from quantized latents */
export function referenceConvDecode(p: ConvParameters64, config: ConvModelConfig, z: Map64): Map64 {
  const { kernelSize: k, filters: f } = config;
  const g1 = tanh(referenceConvTranspose(z, p.decoderFilter1, p.decoderBias1, k, f));
  const g2 = tanh(referenceConvTranspose(g1, p.decoderFilter2, p.decoderBias2, k, f));
  return referenceConvTranspose(g2, p.decoderFilter3, p.decoderBias3, k, 3);
}

/** The STE's frozen offsets at p (see learnedReference.ts's Offsets). */
export function convSteOffsets(p: ConvParameters64, config: ConvModelConfig, x: Map64, sigma: number): Offsets {
  const q = referenceQuantizer(referenceConvLatents(p, config, x).values, config, sigma);
  return {
    value: q.hardValue.map((v, i) => v - (q.softValue[i] as number)),
    assignment: q.oneHot.map((v, i) => v - (q.soft[i] as number)),
  };
}

/** loss = mean (y - x)^2 + lambda * sum_c H_c / 64, soft quantizer plus `offsets` when given. */
export function referenceConvLoss(
  p: ConvParameters64,
  config: ConvModelConfig,
  x: Map64,
  setting: ReferenceSetting,
  offsets?: Offsets,
) {
  const z = referenceConvLatents(p, config, x);
  const q = referenceQuantizer(z.values, config, setting.sigma);
  const values = q.softValue.map((v, i) => v + (offsets?.value[i] ?? 0));
  const assignments = q.soft.map((v, i) => v + (offsets?.assignment[i] ?? 0));
  const y = referenceConvDecode(p, config, { ...z, values });
  let distortion = 0;
  for (let i = 0; i < y.values.length; i++) distortion += ((y.values[i] as number) - (x.values[i] as number)) ** 2;
  distortion /= y.values.length;
  const rate = referenceRate(assignments, config.channels, config.centers.length);
  const bpp = rate / 64;
  return { loss: distortion + setting.lambda * bpp, distortion, rate, bpp, decoded: y };
}

/** d loss / d p[name][k] by central differences, float64, for the listed entries of each parameter. */
export function convFiniteDifferences(
  p: ConvParameters64,
  config: ConvModelConfig,
  f: (p: ConvParameters64) => number,
  entries: (name: ConvParameterName, size: number) => number[],
  step = 1e-6,
): Record<ConvParameterName, Map<number, number>> {
  const shapes = convParameterShapes(config);
  const out = {} as Record<ConvParameterName, Map<number, number>>;
  for (const name of CONV_PARAMETER_NAMES) {
    out[name] = new Map();
    for (const k of entries(
      name,
      shapes[name].reduce((a, b) => a * b, 1),
    )) {
      const original = p[name][k] as number;
      p[name][k] = original + step;
      const up = f(p);
      p[name][k] = original - step;
      const down = f(p);
      p[name][k] = original;
      out[name].set(k, (up - down) / (2 * step));
    }
  }
  return out;
}
