import { formatTemperature } from '../format';
import { makeCenters } from '../model/centers';
import { NUMBER_RULES, parseNumber } from '../state/params';
import { useAppStore } from '../state/store';
import { DistanceControl } from './DistanceControl';
import { NumberField } from './NumberField';
import { ProbesControl } from './ProbesControl';
import { RangeControl } from './RangeControl';

const LOG_T = { min: Math.log10(NUMBER_RULES.temperature.min), max: Math.log10(NUMBER_RULES.temperature.max) };

function centerList(count: number, spacing: number): string {
  const values = Array.from(makeCenters(count, spacing), (c) => String(Number(c.toPrecision(4))));
  return values.length <= 9 ? values.join(', ') : `${values.slice(0, 4).join(', ')}, …, ${values.slice(-4).join(', ')}`;
}

/** Temperature, centers, spacing, distance and probes: every input of the quantizer. */
export function QuantizerControls() {
  const temperature = useAppStore((state) => state.params.temperature);
  const centers = useAppStore((state) => state.params.centers);
  const spacing = useAppStore((state) => state.params.spacing);
  const setParam = useAppStore((state) => state.setParam);
  const addNotices = useAppStore((state) => state.addNotices);

  const commitTemperature = (text: string) => {
    const parsed = parseNumber('temperature', text);
    setParam('temperature', parsed.value);
    if (parsed.notice) addNotices([parsed.notice]);
  };

  return (
    <section className="card controls" aria-label="Quantizer settings">
      <h2>Quantizer</h2>
      <RangeControl
        label="Temperature"
        min={LOG_T.min}
        max={LOG_T.max}
        step={0.05}
        position={Math.log10(temperature)}
        valueText={`T = ${formatTemperature(temperature)}`}
        onPosition={(position) => setParam('temperature', Number((10 ** position).toPrecision(4)))}
        hint={`log scale, ${NUMBER_RULES.temperature.min} to ${NUMBER_RULES.temperature.max}; σ = 1/T = ${formatTemperature(1 / temperature)}`}
      >
        <NumberField
          label="Temperature value"
          value={temperature}
          format={formatTemperature}
          onCommit={commitTemperature}
        />
      </RangeControl>
      <RangeControl
        label="Centers"
        min={NUMBER_RULES.centers.min}
        max={NUMBER_RULES.centers.max}
        step={1}
        position={centers}
        valueText={`L = ${centers}`}
        onPosition={(position) => setParam('centers', position)}
        hint={`c = ${centerList(centers, spacing)}`}
      />
      <RangeControl
        label="Spacing"
        min={0.1}
        max={4}
        step={0.05}
        position={spacing}
        valueText={`s = ${spacing}`}
        onPosition={(position) => setParam('spacing', Number(position.toFixed(2)))}
        hint="distance between neighbouring centers"
      />
      <DistanceControl />
      <ProbesControl />
    </section>
  );
}
