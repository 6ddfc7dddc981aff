import type { ScaleLinear } from 'd3';
import { formatValue } from '../format';

interface AxisProps {
  scale: ScaleLinear<number, number>;
  orient: 'bottom' | 'left';
  /** where the axis line sits: y for a bottom axis, x for a left axis */
  offset: number;
  label?: string;
  ticks?: number;
  /** distance from the axis line to a left axis's label, px */
  labelGap?: number;
}

/** A d3 scale's ticks drawn by React. */
export function Axis({ scale, orient, offset, label, ticks = 6, labelGap = 42 }: AxisProps) {
  const [start, end] = scale.range() as [number, number];
  const values = scale.ticks(ticks);
  if (orient === 'bottom') {
    return (
      <g className="axis" transform={`translate(0, ${offset})`}>
        <line x1={start} x2={end} />
        {values.map((value) => (
          <g key={value} transform={`translate(${scale(value)}, 0)`}>
            <line y2={5} />
            <text y={17} textAnchor="middle">
              {formatValue(value)}
            </text>
          </g>
        ))}
        {label ? (
          <text className="axis-label" x={(start + end) / 2} y={32} textAnchor="middle">
            {label}
          </text>
        ) : null}
      </g>
    );
  }
  return (
    <g className="axis" transform={`translate(${offset}, 0)`}>
      <line y1={start} y2={end} />
      {values.map((value) => (
        <g key={value} transform={`translate(0, ${scale(value)})`}>
          <line x2={-5} />
          <text x={-8} dy="0.32em" textAnchor="end">
            {formatValue(value)}
          </text>
        </g>
      ))}
      {label ? (
        <text
          className="axis-label"
          transform={`translate(${-labelGap}, ${(start + end) / 2}) rotate(-90)`}
          textAnchor="middle"
        >
          {label}
        </text>
      ) : null}
    </g>
  );
}
