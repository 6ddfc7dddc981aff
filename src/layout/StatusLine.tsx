import { useTranslation } from 'react-i18next';
import { translateMessage } from '../i18n/messageText';
import { useAppStore } from '../state/store';

/** The running backend and why, and the time of the last update. */
export function StatusLine() {
  const { t } = useTranslation('app');
  const backend = useAppStore((state) => state.backend);
  const lastUpdateMs = useAppStore((state) => state.lastUpdateMs);
  const gridNote = useAppStore((state) => state.view?.gridNote ?? null);
  const hasView = useAppStore((state) => state.view !== null);
  const engine = useAppStore((state) => state.engine);
  return (
    <p className="status" role="status" aria-live="polite">
      {backend ? (
        <>
          {t('status.backend')} <strong data-testid="backend-name">{backend.name}</strong>{' '}
          <span data-testid="backend-reason" title={backend.renderer ?? undefined}>
            {t('status.reason', { reason: translateMessage(backend.reason) })}
          </span>
          <span className="muted">
            {' '}
            · {t('status.engine')} <span data-testid="engine-name">{engine}</span>{' '}
            {engine === 'reference' ? t('status.engineReference') : t('status.engineFused')}
          </span>
          {lastUpdateMs !== null ? (
            <span className="muted"> · {t('status.lastUpdate', { ms: lastUpdateMs.toFixed(1) })}</span>
          ) : null}
          {gridNote ? (
            <span className="grid-note" data-testid="grid-note">
              {' '}
              · {translateMessage(gridNote)}
            </span>
          ) : null}
        </>
      ) : (
        <span data-testid="backend-starting">{hasView ? t('status.restarting') : t('status.starting')}</span>
      )}
    </p>
  );
}
