import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { DistanceControl } from '../controls/DistanceControl';
import { FieldSlider } from '../controls/FieldSlider';
import { formatTemperature } from '../format';
import type { EmbedControl, EmbedFigure, EmbedSettings } from '../state/embed';
import { useAppStore } from '../state/store';
import { writeQuery } from '../state/url';
import { ArrowsFigure } from '../viz/ArrowsFigure';
import { CurvesFigure } from '../viz/CurvesFigure';
import { HeatmapFigure } from '../viz/HeatmapFigure';
import { ProbeTable } from '../viz/ProbeTable';
import { FigureBoundary } from './FigureBoundary';
import { Notices } from './Notices';

// the image lab (its views, numbers and rate-distortion plot) loads only where it is embedded
const ImageLab = lazy(() => import('../lab/ImageLab'));
function ImageLabFigure() {
  return (
    <Suspense fallback={null}>
      <ImageLab />
    </Suspense>
  );
}

const FIGURES: Record<EmbedFigure, () => React.JSX.Element> = {
  heatmap: HeatmapFigure,
  curves: CurvesFigure,
  arrows: ArrowsFigure,
  table: ProbeTable,
  image: ImageLabFigure,
};

function EmbedControlView({ name }: { name: EmbedControl }) {
  const { t } = useTranslation('app');
  switch (name) {
    case 'temperature':
      return (
        <FieldSlider
          name="temperature"
          label={t('quantizer.temperature')}
          valueText={(value) => `T = ${formatTemperature(value)}`}
        />
      );
    case 'centers':
      return <FieldSlider name="centerCount" label={t('quantizer.centers')} valueText={(count) => `L = ${count}`} />;
    case 'spacing':
      return <FieldSlider name="spacing" label={t('quantizer.spacing')} valueText={(value) => `s = ${value}`} />;
    case 'distance':
      return <DistanceControl />;
  }
}

/**
 * One figure alone, at its container's size, for an `<iframe>` in slides and posts: an optional
 * compact row of controls (`controls=temperature,centers`) and a link back to the full view.
 */
export function EmbedView({ embed }: { embed: EmbedSettings }) {
  const { t } = useTranslation('app');
  const params = useAppStore((state) => state.params);
  const lesson = useAppStore((state) => state.lesson);
  const backend = useAppStore((state) => state.requestedBackend);
  const engine = useAppStore((state) => state.engine);
  const Figure = FIGURES[embed.figure];
  // the same view on the whole page (path kept, so it works under any folder)
  const fullView = `${window.location.pathname}${writeQuery(params, backend, lesson, engine)}`;
  return (
    <div className="embed" data-embed={embed.figure}>
      {embed.controls.length > 0 ? (
        <div className="embed-controls">
          {embed.controls.map((name) => (
            <EmbedControlView key={name} name={name} />
          ))}
        </div>
      ) : null}
      <div className="card embed-figure" data-figure={embed.figure}>
        <FigureBoundary name={embed.figure}>
          <Figure />
        </FigureBoundary>
      </div>
      <p className="embed-footer">
        <a href={fullView} target="_blank" rel="noopener">
          {t('embed.openFull')}
        </a>
      </p>
      <Notices />
    </div>
  );
}
