import { useAppStore } from '../state/store';

/** Offers a new version of the app when one is ready; nothing changes until the person asks. */
export function UpdateBanner() {
  const update = useAppStore((state) => state.update);
  if (!update) return null;
  return (
    <div className="update-banner" role="status">
      A new version of the playground is ready.{' '}
      <button type="button" onClick={update}>
        Reload to update
      </button>{' '}
      <button type="button" className="link" onClick={() => useAppStore.setState({ update: null })}>
        later
      </button>
    </div>
  );
}
