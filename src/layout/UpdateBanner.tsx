import { useTranslation } from 'react-i18next';
import { useAppStore } from '../state/store';

/** Offers a new version of the app when one is ready; nothing changes until the person asks. */
export function UpdateBanner() {
  const { t } = useTranslation('app');
  const update = useAppStore((state) => state.update);
  if (!update) return null;
  return (
    <div className="update-banner" role="status">
      {t('update.ready')}{' '}
      <button type="button" onClick={update}>
        {t('update.reload')}
      </button>{' '}
      <button type="button" className="link" onClick={() => useAppStore.setState({ update: null })}>
        {t('update.later')}
      </button>
    </div>
  );
}
