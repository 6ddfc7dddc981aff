import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import { NEAREST_INDEX, SOFT_ASSIGN, SUMMARY, type QuantizerAttrs } from './kernelNames';

/** A program as tfjs's WebGL backend runs it (its GPGPUProgram). */
interface Program {
  variableNames: string[];
  outputShape: number[];
  userCode: string;
  customUniforms?: Array<{ name: string; type: 'float' }>;
}

/** The part of the WebGL backend the kernels use (its class is not imported: no bundle cost). */
interface WebGLBackend {
  compileAndRun(program: Program, inputs: TensorInfo[], dtype?: 'float32', uniforms?: number[][]): TensorInfo;
}

/** d(w, c) in GLSL: the distance is part of the program, sigma a uniform (no recompile per T). */
const distance = (squared: boolean) =>
  squared ? 'float dist(float x) { return x * x; }' : 'float dist(float x) { return abs(x); }';

/**
 * The row maximum and the normaliser over the L centers, then either p_ij (each texel of
 * [N, L]) or w_soft_i (each texel of [N]): two programs, one pass over the inputs per output.
 */
function softAssignProgram(n: number, l: number, squared: boolean, output: 'p' | 'soft'): Program {
  const p = output === 'p';
  return {
    variableNames: ['w', 'centers'],
    outputShape: p ? [n, l] : [n],
    customUniforms: [{ name: 'sigma', type: 'float' }],
    userCode: `
      ${distance(squared)}
      void main() {
        ${p ? 'ivec2 coords = getOutputCoords(); float wi = getW(coords.x);' : 'float wi = getW(getOutputCoords());'}
        float best = -3.0e38;
        for (int j = 0; j < ${l}; j++) {
          best = max(best, -sigma * dist(wi - getCenters(j)));
        }
        float total = 0.0;
        float weighted = 0.0;
        float mine = 0.0;
        for (int j = 0; j < ${l}; j++) {
          float c = getCenters(j);
          float e = exp(-sigma * dist(wi - c) - best);
          total += e;
          weighted += e * c;
          ${p ? 'if (j == coords.y) mine = e;' : ''}
        }
        setOutput(${p ? 'mine / total' : 'weighted / total'});
      }`,
  };
}

/** The first nearest center's index per input (strict <: ties to the lower index). */
function nearestIndexProgram(n: number, l: number, squared: boolean): Program {
  return {
    variableNames: ['w', 'centers'],
    outputShape: [n],
    userCode: `
      ${distance(squared)}
      void main() {
        float wi = getW(getOutputCoords());
        float best = 3.0e38;
        float index = 0.0;
        for (int j = 0; j < ${l}; j++) {
          float d = dist(wi - getCenters(j));
          if (d < best) {
            best = d;
            index = float(j);
          }
        }
        setOutput(index);
      }`,
  };
}

/**
 * The image lab's forward pass as one program over [4, N]: each texel evaluates its input's soft
 * assignment and writes its row's value: w_soft, w_hard, the first nearest index (strict <, ties
 * to the lower index) or the entropy in bits, (log Z - sum_j e_j t_j / Z) / ln 2.
 */
function summaryProgram(n: number, l: number, squared: boolean): Program {
  return {
    variableNames: ['w', 'centers'],
    outputShape: [4, n],
    customUniforms: [{ name: 'sigma', type: 'float' }],
    userCode: `
      ${distance(squared)}
      void main() {
        ivec2 coords = getOutputCoords();
        float wi = getW(coords.y);
        float best = -3.0e38;
        float nearest = 3.0e38;
        float index = 0.0;
        float hard = 0.0;
        for (int j = 0; j < ${l}; j++) {
          float c = getCenters(j);
          float d = dist(wi - c);
          best = max(best, -sigma * d);
          if (d < nearest) {
            nearest = d;
            index = float(j);
            hard = c;
          }
        }
        float total = 0.0;
        float weighted = 0.0;
        float tilted = 0.0;
        for (int j = 0; j < ${l}; j++) {
          float c = getCenters(j);
          float t = -sigma * dist(wi - c) - best;
          float e = exp(t);
          total += e;
          weighted += e * c;
          tilted += t > -104.0 ? e * t : 0.0;
        }
        float value = coords.x == 0 ? weighted / total
          : coords.x == 1 ? hard
          : coords.x == 2 ? index
          : (log(total) - tilted / total) / ${Math.LN2.toFixed(9)};
        setOutput(value);
      }`,
  };
}

/** GLSL programs run through the WebGL backend's compileAndRun. */
export const webglKernels: KernelConfig[] = [
  {
    kernelName: SOFT_ASSIGN,
    backendName: 'webgl',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { w, centers } = inputs as { w: TensorInfo; centers: TensorInfo };
      const { sigma, squared } = attrs as unknown as QuantizerAttrs;
      const n = w.shape[0] as number;
      const l = centers.shape[0] as number;
      const webgl = backend as unknown as WebGLBackend;
      return (['p', 'soft'] as const).map((output) =>
        webgl.compileAndRun(softAssignProgram(n, l, squared, output), [w, centers], 'float32', [[sigma]]),
      );
    },
  },
  {
    kernelName: NEAREST_INDEX,
    backendName: 'webgl',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { w, centers } = inputs as { w: TensorInfo; centers: TensorInfo };
      const { squared } = attrs as unknown as QuantizerAttrs;
      const program = nearestIndexProgram(w.shape[0] as number, centers.shape[0] as number, squared);
      return (backend as unknown as WebGLBackend).compileAndRun(program, [w, centers], 'float32');
    },
  },
  {
    kernelName: SUMMARY,
    backendName: 'webgl',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { w, centers } = inputs as { w: TensorInfo; centers: TensorInfo };
      const { sigma, squared } = attrs as unknown as QuantizerAttrs;
      const program = summaryProgram(w.shape[0] as number, centers.shape[0] as number, squared);
      return (backend as unknown as WebGLBackend).compileAndRun(program, [w, centers], 'float32', [[sigma]]);
    },
  },
];
