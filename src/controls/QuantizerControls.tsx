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
  const temperature = useAppStore((state) => state.params.temperature);
  const centerCount = useAppStore((state) => state.params.centerCount);
  const spacing = useAppStore((state) => state.params.spacing);

  return (
    <section className="card controls" aria-label="Quantizer settings">
      <h2>Quantizer</h2>
      <FieldSlider
        name="temperature"
        label="Temperature"
        valueText={(value) => `T = ${formatTemperature(value)}`}
        exactLabel="Temperature value"
        format={formatTemperature}
        hint={`log scale, ${TEMPERATURE_RULE?.min} to ${TEMPERATURE_RULE?.max}; σ = 1/T = ${formatTemperature(1 / temperature)}`}
      />
      <FieldSlider
        name="centerCount"
        label="Centers"
        valueText={(value) => `L = ${value}`}
        hint={`c = ${centerList(centerCount, spacing)}`}
      />
      <FieldSlider
        name="spacing"
        label="Spacing"
        valueText={(value) => `s = ${value}`}
        hint="distance between neighbouring centers (log scale)"
      />
      <DistanceControl />
      <ProbesControl />
    </section>
  );
}
