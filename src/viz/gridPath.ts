import { line, type ScaleLinear } from 'd3';

interface Drawn {
  inputs: Float32Array;
  values: Float32Array;
  scales: number[];
  d: string;
}

/** Each curve's last path, by the caller's name for the curve. */
const lastDrawn = new Map<string, Drawn>();

function sameValues(a: Float32Array, b: Float32Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const scaleNumbers = (x: ScaleLinear<number, number>, y: ScaleLinear<number, number>) => [
  ...x.domain(),
  ...x.range(),
  ...y.domain(),
  ...y.range(),
];

/**
 * The SVG path of values[i] over inputs[i] (both [N]) through the scales x and y. When the curve
 * `key` has the same numbers as last time, the same string comes back, so React writes nothing
 * and the browser re-parses nothing: a temperature step changes the soft curves and their
 * gradients, while w_hard, w_bar, round and the constant gradients stay put.
 */
export function gridPath(
  key: string,
  inputs: Float32Array,
  values: Float32Array,
  x: ScaleLinear<number, number>,
  y: ScaleLinear<number, number>,
): string {
  const scales = scaleNumbers(x, y);
  const last = lastDrawn.get(key);
  if (
    last &&
    last.scales.every((value, k) => value === scales[k]) &&
    sameValues(last.inputs, inputs) &&
    sameValues(last.values, values)
  ) {
    return last.d;
  }
  const d =
    line<number>()
      .x((i) => x(inputs[i] as number))
      .y((i) => y(values[i] as number))(Array.from(inputs, (_, i) => i)) ?? '';
  lastDrawn.set(key, { inputs, values, scales, d });
  return d;
}
