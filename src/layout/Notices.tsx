import { useAppStore } from '../state/store';

/** Adjusted inputs and fallbacks, each dismissible. Plain text only: nothing here is HTML. */
export function Notices() {
  const notices = useAppStore((state) => state.notices);
  const error = useAppStore((state) => state.error);
  const dismiss = useAppStore((state) => state.dismissNotice);
  if (!error && notices.length === 0) return null;
  return (
    <div className="notices">
      {error ? (
        <p className="notice error" role="alert">
          {error}
        </p>
      ) : null}
      {notices.map((notice, index) => (
        <p className="notice" key={`${index}-${notice}`} data-testid="notice">
          {notice}{' '}
          <button type="button" className="link" onClick={() => dismiss(index)} aria-label="Dismiss notice">
            ✕
          </button>
        </p>
      ))}
    </div>
  );
}
