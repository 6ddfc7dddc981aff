import { useAppStore } from '../state/store';

/** The running backend and why, and the time of the last update. */
export function StatusLine() {
  const backend = useAppStore((state) => state.backend);
  const lastUpdateMs = useAppStore((state) => state.lastUpdateMs);
  const gridNote = useAppStore((state) => state.view?.gridNote ?? null);
  const hasView = useAppStore((state) => state.view !== null);
  const engine = useAppStore((state) => state.engine);
  return (
    <p className="status" role="status" aria-live="polite">
      {backend ? (
        <>
          Backend <strong data-testid="backend-name">{backend.name}</strong>{' '}
          <span data-testid="backend-reason" title={backend.renderer ?? undefined}>
            ({backend.reason})
          </span>
          <span className="muted">
            {' '}
            · engine <span data-testid="engine-name">{engine}</span>
            {engine === 'reference' ? ' (the unfused autodiff graph)' : ' (one kernel for the soft assignment)'}
          </span>
          {lastUpdateMs !== null ? <span className="muted"> · last update {lastUpdateMs.toFixed(1)} ms</span> : null}
          {gridNote ? (
            <span className="grid-note" data-testid="grid-note">
              {' '}
              · {gridNote}
            </span>
          ) : null}
        </>
      ) : (
        <span data-testid="backend-starting">
          {hasView ? 'The compute backend stopped; restarting TensorFlow.js…' : 'Starting TensorFlow.js…'}
        </span>
      )}
    </p>
  );
}
