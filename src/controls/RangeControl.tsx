import { useId } from 'react';

interface RangeControlProps {
  /** the visible label and the slider's accessible name */
  label: string;
  min: number;
  max: number;
  step: number;
  /** the slider position (may be on a transformed scale, e.g. log10) */
  position: number;
  /** what the value reads as, for sight and for screen readers */
  valueText: string;
  onPosition: (position: number) => void;
  /** an optional precise-entry field beside the slider */
  children?: React.ReactNode;
  hint?: string;
}

/** A labelled native range input: keyboard, touch and screen readers work out of the box. */
export function RangeControl({
  label,
  min,
  max,
  step,
  position,
  valueText,
  onPosition,
  children,
  hint,
}: RangeControlProps) {
  const id = useId();
  return (
    <div className="control">
      <div className="control-head">
        <label htmlFor={id}>{label}</label>
        <output htmlFor={id} className="control-value">
          {valueText}
        </output>
      </div>
      <div className="control-row">
        <input
          id={id}
          type="range"
          min={min}
          max={max}
          step={step}
          value={position}
          aria-valuetext={valueText}
          onChange={(event) => onPosition(Number(event.currentTarget.value))}
        />
        {children}
      </div>
      {hint ? <p className="control-hint">{hint}</p> : null}
    </div>
  );
}
