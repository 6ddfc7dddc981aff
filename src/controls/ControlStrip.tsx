import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTemperature } from '../format';
import { DistanceControl } from './DistanceControl';
import { FieldSlider } from './FieldSlider';
import { SeedLineToggle } from './SeedLineToggle';

/**
 * The quantizer's key controls, pinned over the figures at every size (a projector, a laptop at
 * 150 %, a phone), so that T can be dragged while the derivative panel is watched: temperature
 * (a wide track that snaps to 1-2-5 while dragged; keys and the text field are exact), centers,
 * distance and the seed-line toggle. Its height is published as `--strip-height`, so that links
 * to a section (`#pitfall`) land below it.
 */
export function ControlStrip() {
  const { t } = useTranslation('app');
  const stripRef = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const strip = stripRef.current;
    if (!strip || typeof ResizeObserver !== 'function') return;
    const root = document.documentElement;
    const publish = () => root.style.setProperty('--strip-height', `${Math.ceil(strip.offsetHeight)}px`);
    const observer = new ResizeObserver(publish);
    observer.observe(strip);
    publish();
    return () => {
      observer.disconnect();
      root.style.removeProperty('--strip-height');
    };
  }, []);
  return (
    <section
      className="control-strip"
      aria-label={t('strip.aria')}
      ref={stripRef}
      data-testid="control-strip"
      id="controls"
    >
      <FieldSlider
        name="temperature"
        className="strip-temperature"
        label={t('quantizer.temperature')}
        valueText={(value) => `T = ${formatTemperature(value)}`}
        exactLabel={t('quantizer.temperatureValue')}
        format={formatTemperature}
        snapOneTwoFive
      />
      <FieldSlider
        name="centerCount"
        className="strip-centers"
        label={t('quantizer.centers')}
        valueText={(value) => `L = ${value}`}
      />
      <DistanceControl compact />
      <SeedLineToggle />
    </section>
  );
}
