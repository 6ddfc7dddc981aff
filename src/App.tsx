import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './controls/LanguageSwitch';
import { ControlStrip } from './controls/ControlStrip';
import { ExportButton } from './controls/ExportButton';
import { QuantizerControls } from './controls/QuantizerControls';
import { SharePanel } from './controls/SharePanel';
import { ViewControls } from './controls/ViewControls';
import { FigureBoundary } from './layout/FigureBoundary';
import { EmbedView } from './layout/EmbedView';
import { Notices } from './layout/Notices';
import { StatusLine } from './layout/StatusLine';
import { UpdateBanner } from './layout/UpdateBanner';
import { useFirstViewDrawn } from './layout/useFirstViewDrawn';
import { landOnHash } from './layout/landOnHash';
import { useAppStore } from './state/store';
import { ArrowsNote, CurvesNote, HeatmapNote } from './teach/FigureNotes';
import { Orientation } from './teach/Orientation';
import { References } from './teach/References';
import { SeedWalkthrough } from './teach/SeedWalkthrough';
import { ArrowsFigure } from './viz/ArrowsFigure';
import { CurvesFigure } from './viz/CurvesFigure';
import { HeatmapFigure } from './viz/HeatmapFigure';
import { EmbedButton } from './viz/EmbedButton';
import { ProbeTable } from './viz/ProbeTable';

// Below the fold: loaded once the first view is drawn, so that it does not delay it.
const LearnSections = lazy(() => import('./teach/LearnSections'));
const ImageLab = lazy(() => import('./lab/ImageLab'));

export function App() {
  const { t } = useTranslation();
  const hasView = useFirstViewDrawn();
  const embed = useAppStore((state) => state.embed);
  // a link to a section (#pitfall, #image-lab) lands there once the lazy parts are in
  useEffect(() => (embed ? undefined : landOnHash()), [embed]);
  if (embed) return <EmbedView embed={embed} />;
  return (
    <div className="app">
      <header className="app-header">
        <div className="title-row">
          <h1>{t('meta.title')}</h1>
          <LanguageSwitch />
        </div>
        <p className="tagline">{t('app.tagline')}</p>
        <UpdateBanner />
        <Notices />
      </header>
      <Orientation />
      <main className="app-main">
        <ControlStrip />
        <div className="figures">
          <SeedWalkthrough />
          <section className="card" data-figure="heatmap" id="heatmap">
            <FigureBoundary name="heatmap">
              <HeatmapFigure />
            </FigureBoundary>
            <HeatmapNote />
          </section>
          <section className="card" data-figure="curves" id="curves">
            <FigureBoundary name="curves">
              <CurvesFigure />
            </FigureBoundary>
            <CurvesNote />
          </section>
          <section className="card" data-figure="arrows" id="arrows">
            <FigureBoundary name="arrows">
              <ArrowsFigure />
            </FigureBoundary>
            <ArrowsNote />
          </section>
        </div>
        <aside className="sidebar">
          <QuantizerControls />
          <ViewControls />
          <SharePanel />
        </aside>
        <section className="card probes" aria-label={t('app.probePoints')} data-figure="table" id="probes">
          <div className="card-head">
            <h2>{t('app.probePoints')}</h2>
            <EmbedButton figure="table" />
            <ExportButton />
          </div>
          <FigureBoundary name="probe table">
            <ProbeTable />
          </FigureBoundary>
        </section>
        <div className="explain">
          {hasView ? (
            <Suspense fallback={null}>
              <LearnSections />
            </Suspense>
          ) : null}
        </div>
        {hasView ? (
          <Suspense fallback={null}>
            <ImageLab />
          </Suspense>
        ) : null}
      </main>
      <footer className="app-footer">
        <References />
        <StatusLine />
      </footer>
    </div>
  );
}
