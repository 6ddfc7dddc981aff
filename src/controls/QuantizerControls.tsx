import { useTranslation } from 'react-i18next';
import { formatTemperature } from '../format';
import { makeCenters } from '../model/centers';
import { fieldOf } from '../state/fields';
import { useAppStore } from '../state/store';
import { DistanceControl } from './DistanceControl';
import { FieldSlider } from './FieldSlider';
import { ProbesControl } from './ProbesControl';

const TEMPERATURE_RULE = fieldOf('temperature').rule;

function centerList(count: number, spacing: number): string {
  const values = Array.from(makeCenters(count, spacing), (c) => String(Number(c.toPrecision(4))));
  return values.length <= 9 ? values.join(', ') : `${values.slice(0, 4).join(', ')}, …, ${values.slice(-4).join(', ')}`;
}

/** Temperature, centers, spacing, distance and probes: every input of the quantizer. */
export function QuantizerControls() {
  const { t } = useTranslation('app');
  const temperature = useAppStore((state) => state.params.temperature);
  const centerCount = useAppStore((state) => state.params.centerCount);
  const spacing = useAppStore((state) => state.params.spacing);

  return (
    <section className="card controls" aria-label={t('quantizer.settings')}>
      <h2>{t('quantizer.title')}</h2>
      <FieldSlider
        name="temperature"
        label={t('quantizer.temperature')}
        valueText={(value) => `T = ${formatTemperature(value)}`}
        exactLabel={t('quantizer.temperatureValue')}
        format={formatTemperature}
        hint={t('quantizer.temperatureHint', {
          min: String(TEMPERATURE_RULE?.min),
          max: String(TEMPERATURE_RULE?.max),
          sigma: formatTemperature(1 / temperature),
        })}
      />
      <FieldSlider
        name="centerCount"
        label={t('quantizer.centers')}
        valueText={(value) => `L = ${value}`}
        hint={`c = ${centerList(centerCount, spacing)}`}
      />
      <FieldSlider
        name="spacing"
        label={t('quantizer.spacing')}
        valueText={(value) => `s = ${value}`}
        hint={t('quantizer.spacingHint')}
      />
      <DistanceControl />
      <ProbesControl />
    </section>
  );
}
