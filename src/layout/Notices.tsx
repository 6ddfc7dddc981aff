import { useTranslation } from 'react-i18next';
import { translateMessage } from '../i18n/messageText';
import { useAppStore } from '../state/store';

/**
 * Adjusted inputs and fallbacks, each dismissible. Plain text only: nothing here is HTML. The
 * store keeps messages, not text, so they read in the language shown now (re-rendered on a switch).
 */
export function Notices() {
  const { t } = useTranslation('app');
  const notices = useAppStore((state) => state.notices);
  const error = useAppStore((state) => state.error);
  const dismiss = useAppStore((state) => state.dismissNotice);
  if (error === null && notices.length === 0) return null;
  return (
    <div className="notices">
      {error !== null ? (
        <p className="notice error" role="alert">
          {translateMessage(error)}
        </p>
      ) : null}
      {notices.map((notice, index) => (
        <p className="notice" key={`${index}-${notice.key}`} data-testid="notice">
          {translateMessage(notice)}{' '}
          <button type="button" className="link" onClick={() => dismiss(index)} aria-label={t('notices.dismiss')}>
            ✕
          </button>
        </p>
      ))}
    </div>
  );
}
