import { useTranslation } from 'react-i18next';
import { formatValue } from '../format';
import { makeCenters } from '../model/centers';
import { DEFAULT_PARAMS, fieldOf } from '../state/fields';
import { checkRange, MAX_PROBES, readDecimal, type Parsed } from '../state/params';
import { useAppStore } from '../state/store';
import { addProbe, roundToAxis } from '../viz/probeEditing';
import { FieldSlider } from './FieldSlider';
import { NumberField } from './NumberField';
import { RangeControl } from './RangeControl';

/** What the figures show: input range, grid resolution, the loss target, adding probes. */
export function ViewControls() {
  const { t } = useTranslation('app');
  const range = useAppStore((state) => state.params.range);
  const target = useAppStore((state) => state.params.target);
  const probeCount = useAppStore((state) => state.params.probes.length);
  const setParam = useAppStore((state) => state.setParam);
  const addNotices = useAppStore((state) => state.addNotices);

  const apply = <T,>(parsed: Parsed<T>, assign: (value: T) => void) => {
    assign(parsed.value);
    if (parsed.notice) addNotices([parsed.notice]);
  };
  const setRangeEnd = (end: 0 | 1, text: string) => {
    const typed = readDecimal(text);
    const next: [number, number] = end === 0 ? [typed, range[1]] : [range[0], typed];
    apply(checkRange(next[0], next[1], DEFAULT_PARAMS.range), (value) => setParam('range', value));
  };
  const fitToCenters = () => {
    const { centerCount, spacing } = useAppStore.getState().params;
    const values = makeCenters(centerCount, spacing);
    const half = Math.max(Math.abs(values[0] as number), Math.abs(values[values.length - 1] as number)) + spacing;
    apply(checkRange(-half, half, DEFAULT_PARAMS.range), (value) => setParam('range', value));
  };
  const width = range[1] - range[0];

  return (
    <section className="card controls" aria-label={t('view.settings')}>
      <h2>{t('view.title')}</h2>
      <div className="control">
        <div className="control-head">
          <span className="label">{t('view.inputRange')}</span>
          <button type="button" className="link" onClick={fitToCenters}>
            {t('view.fitToCenters')}
          </button>
        </div>
        <div className="control-row">
          <NumberField
            label={t('view.rangeMinimum')}
            value={range[0]}
            format={formatValue}
            onCommit={(text) => setRangeEnd(0, text)}
          />
          <span aria-hidden="true">{t('view.rangeTo')}</span>
          <NumberField
            label={t('view.rangeMaximum')}
            value={range[1]}
            format={formatValue}
            onCommit={(text) => setRangeEnd(1, text)}
          />
        </div>
      </div>
      <FieldSlider
        name="samples"
        label={t('view.gridResolution')}
        valueText={(value) => t('view.samples', { count: value })}
        hint={t('view.gridHint')}
      />
      <RangeControl
        label={t('view.target')}
        min={range[0]}
        max={range[1]}
        step={width / 200}
        position={Math.min(range[1], Math.max(range[0], target))}
        valueText={t('view.targetValueText', { value: formatValue(target) })}
        onPosition={(position) => setParam('target', roundToAxis(position, width))}
        hint={t('view.targetHint')}
      >
        <NumberField
          label={t('view.targetValue')}
          value={target}
          format={formatValue}
          onCommit={(text) => apply(fieldOf('target').parse(text), (value) => setParam('target', value))}
        />
      </RangeControl>
      <button
        type="button"
        disabled={probeCount >= MAX_PROBES}
        onClick={() => {
          const current = useAppStore.getState().params;
          setParam(
            'probes',
            addProbe(current.probes, roundToAxis((current.range[0] + current.range[1]) / 2 + width * 0.123, width)),
          );
        }}
      >
        {t('view.addProbe')}
      </button>
      <p className="control-hint">{t('view.probesHint')}</p>
    </section>
  );
}
