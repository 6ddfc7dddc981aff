import { ExportButton } from './controls/ExportButton';
import { QuantizerControls } from './controls/QuantizerControls';
import { Notices } from './layout/Notices';
import { StatusLine } from './layout/StatusLine';
import { EstimatorGuide } from './teach/EstimatorGuide';
import { Intro } from './teach/Intro';
import { ProbeTable } from './viz/ProbeTable';

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>Quantization Playground</h1>
        <p className="tagline">Soft-to-hard quantization and the straight-through estimator, computed live with TensorFlow.js.</p>
        <StatusLine />
        <Notices />
      </header>
      <main className="app-main">
        <QuantizerControls />
        <div className="explain">
          <Intro />
          <EstimatorGuide />
        </div>
        <section className="card probes" aria-label="Probe points">
          <div className="card-head">
            <h2>Probe points</h2>
            <ExportButton />
          </div>
          <ProbeTable />
        </section>
      </main>
    </div>
  );
}
