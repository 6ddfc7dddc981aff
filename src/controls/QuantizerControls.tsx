import { useTranslation } from 'react-i18next';
import { formatTemperature } from '../format';
import { makeCenters } from '../model/centers';
import { fieldOf } from '../state/fields';
import { useAppStore } from '../state/store';
import { FieldSlider } from './FieldSlider';
import { ProbesControl } from './ProbesControl';

const TEMPERATURE_RULE = fieldOf('temperature').rule;

function centerList(count: number, spacing: number): string {
  const values = Array.from(makeCenters(count, spacing), (c) => String(Number(c.toPrecision(4))));
  return values.length <= 9 ? values.join(', ') : `${values.slice(0, 4).join(', ')}, …, ${values.slice(-4).join(', ')}`;
}

/**
 * The quantizer's other inputs: what the pinned strip's T and L mean here (σ, the centers), the
 * spacing and the probes. Temperature, centers, distance and the seed line live in the strip.
 */
export function QuantizerControls() {
  const { t } = useTranslation('app');
  const temperature = useAppStore((state) => state.params.temperature);
  const centerCount = useAppStore((state) => state.params.centerCount);
  const spacing = useAppStore((state) => state.params.spacing);

  return (
    <section className="card controls" aria-label={t('quantizer.settings')}>
      <h2>{t('quantizer.title')}</h2>
      <p className="control-hint">
        {t('quantizer.stripNote', {
          min: String(TEMPERATURE_RULE?.min),
          max: String(TEMPERATURE_RULE?.max),
          sigma: formatTemperature(1 / temperature),
        })}
      </p>
      <p className="control-hint mono">{`c = ${centerList(centerCount, spacing)}`}</p>
      <FieldSlider
        name="spacing"
        label={t('quantizer.spacing')}
        valueText={(value) => `s = ${value}`}
        hint={t('quantizer.spacingHint')}
      />
      <ProbesControl />
    </section>
  );
}
