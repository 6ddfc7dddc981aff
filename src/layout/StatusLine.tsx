import { useAppStore } from '../state/store';

/** The running backend and why, and the time of the last update. */
export function StatusLine() {
  const backend = useAppStore((state) => state.backend);
  const lastUpdateMs = useAppStore((state) => state.lastUpdateMs);
  return (
    <p className="status" role="status" aria-live="polite">
      {backend ? (
        <>
          Backend <strong data-testid="backend-name">{backend.name}</strong>{' '}
          <span data-testid="backend-reason" title={backend.renderer ?? undefined}>
            ({backend.reason})
          </span>
          {lastUpdateMs !== null ? <span className="muted"> · last update {lastUpdateMs.toFixed(1)} ms</span> : null}
        </>
      ) : (
        'Starting TensorFlow.js…'
      )}
    </p>
  );
}
