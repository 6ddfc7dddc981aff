import { useTranslation } from 'react-i18next';
import type { Distance } from '../model/quantizer';
import { useAppStore } from '../state/store';

const OPTIONS = [
  { value: 'l1', label: '|w − c|', note: 'quantizer.distanceL1' },
  { value: 'l2', label: '(w − c)²', note: 'quantizer.distanceL2' },
] as const satisfies ReadonlyArray<{ value: Distance; label: string; note: string }>;

/**
 * The distance d(w, c) inside the softmax: a radio group (arrow keys move between options).
 * Compact: the two formulas side by side, their notes read by screen readers and shown as tooltips.
 */
export function DistanceControl({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation('app');
  const distance = useAppStore((state) => state.params.distance);
  const setParam = useAppStore((state) => state.setParam);
  return (
    <fieldset className={compact ? 'control distance compact' : 'control distance'}>
      <legend>{t('quantizer.distance')}</legend>
      {OPTIONS.map((option) => (
        <label key={option.value} className="radio" title={compact ? t(option.note) : undefined}>
          <input
            type="radio"
            name="distance"
            value={option.value}
            checked={distance === option.value}
            onChange={() => setParam('distance', option.value)}
          />
          <span className="mono">{option.label}</span>{' '}
          <span className={compact ? 'visually-hidden' : 'muted'}>{t(option.note)}</span>
        </label>
      ))}
    </fieldset>
  );
}
