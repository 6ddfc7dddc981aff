import type { Distance } from '../model/quantizer';
import { useAppStore } from '../state/store';

const OPTIONS: Array<{ value: Distance; label: string; note: string }> = [
  { value: 'l1', label: '|w − c|', note: 'L1, as in the seed' },
  { value: 'l2', label: '(w − c)²', note: 'squared, Mentzer et al. 2018' },
];

/** The distance d(w, c) inside the softmax: a radio group (arrow keys move between options). */
export function DistanceControl() {
  const distance = useAppStore((state) => state.params.distance);
  const setParam = useAppStore((state) => state.setParam);
  return (
    <fieldset className="control distance">
      <legend>Distance</legend>
      {OPTIONS.map((option) => (
        <label key={option.value} className="radio">
          <input
            type="radio"
            name="distance"
            value={option.value}
            checked={distance === option.value}
            onChange={() => setParam('distance', option.value)}
          />
          <span className="mono">{option.label}</span> <span className="muted">{option.note}</span>
        </label>
      ))}
    </fieldset>
  );
}
