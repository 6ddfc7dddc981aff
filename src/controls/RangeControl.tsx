import { useId, useRef } from 'react';

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
  /** where a pointer drag lands for a raw position (keys and typed values keep full precision) */
  snapWhileDragging?: (position: number) => number;
  className?: string;
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
  snapWhileDragging,
  className,
}: RangeControlProps) {
  const id = useId();
  // a pointer is down on the slider: its positions snap; keys (no pointer) step exactly
  const dragging = useRef(false);
  const startDrag = () => {
    dragging.current = true;
    const stop = () => {
      dragging.current = false;
      window.removeEventListener('pointerup', stop, true);
      window.removeEventListener('pointercancel', stop, true);
    };
    window.addEventListener('pointerup', stop, true);
    window.addEventListener('pointercancel', stop, true);
  };
  return (
    <div className={className ? `control ${className}` : 'control'}>
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
          onPointerDown={snapWhileDragging ? startDrag : undefined}
          onChange={(event) => {
            const raw = Number(event.currentTarget.value);
            onPosition(snapWhileDragging && dragging.current ? snapWhileDragging(raw) : raw);
          }}
        />
        {children}
      </div>
      {hint ? <p className="control-hint">{hint}</p> : null}
    </div>
  );
}
