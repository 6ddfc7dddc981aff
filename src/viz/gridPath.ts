import { line, type ScaleLinear } from 'd3';

/** The SVG path of values[i] over inputs[i] (both [N]) through the scales x and y. */
export function gridPath(
  inputs: Float32Array,
  values: Float32Array,
  x: ScaleLinear<number, number>,
  y: ScaleLinear<number, number>,
) {
  return (
    line<number>()
      .x((i) => x(inputs[i] as number))
      .y((i) => y(values[i] as number))(Array.from(inputs, (_, i) => i)) ?? ''
  );
}
