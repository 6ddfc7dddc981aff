import { fieldOf, sliderPosition, sliderValue, type FieldName, type ViewFields } from '../state/fields';
import type { Lesson } from '../state/lesson';
import type { Params } from '../state/params';
import { useAppStore } from '../state/store';
import { NumberField } from './NumberField';
import { RangeControl } from './RangeControl';
import { snapOneTwoFive } from './snapScale';

/** Fields whose value is a number: the ones a slider can drive. */
type NumberFieldName = { [K in FieldName]: ViewFields[K] extends number ? K : never }[FieldName];

interface FieldSliderProps {
  name: NumberFieldName;
  label: string;
  /** what the value reads as, for sight and for screen readers */
  valueText: (value: number) => string;
  hint?: string;
  /** with a label: a text field beside the slider for an exact value, read by the field's parse */
  exactLabel?: string;
  format?: (value: number) => string;
  /** a dragged log slider lands on 1, 2, 5, 10, 20, ... (keys and the text field keep full precision) */
  snapOneTwoFive?: boolean;
  className?: string;
}

/**
 * The slider of one number field, with its bounds, scale (linear or log) and precision from the
 * field table; every value it commits goes through the field's rule (the store checks it).
 */
export function FieldSlider({
  name,
  label,
  valueText,
  hint,
  exactLabel,
  format = String,
  snapOneTwoFive: snap = false,
  className,
}: FieldSliderProps) {
  const field = fieldOf(name);
  const value = useAppStore(
    (state) => (field.group === 'params' ? state.params : state.lesson)[name as never],
  ) as number;
  const slider = field.slider;
  if (!slider) throw new Error(`field ${name} has no slider in the field table`);
  const commit = (next: number) => {
    const { setParam, setLesson } = useAppStore.getState();
    if (field.group === 'params') setParam(name as keyof Params, next as never);
    else setLesson({ [name]: next } as Partial<Lesson>);
  };
  const log = slider.scale === 'log';
  return (
    <RangeControl
      label={label}
      min={log ? Math.log10(slider.min) : slider.min}
      max={log ? Math.log10(slider.max) : slider.max}
      step={slider.step}
      position={sliderPosition(slider, value)}
      valueText={valueText(value)}
      onPosition={(position) => commit(sliderValue(slider, position))}
      {...(hint ? { hint } : {})}
      {...(className ? { className } : {})}
      {...(snap && log
        ? {
            snapWhileDragging: (position: number) => Math.log10(snapOneTwoFive(10 ** position, slider.min, slider.max)),
          }
        : {})}
    >
      {exactLabel ? (
        <NumberField
          label={exactLabel}
          value={value}
          format={format}
          onCommit={(text) => {
            const parsed = field.parse(text);
            commit(parsed.value);
            if (parsed.notice) useAppStore.getState().addNotices([parsed.notice]);
          }}
        />
      ) : null}
    </RangeControl>
  );
}
