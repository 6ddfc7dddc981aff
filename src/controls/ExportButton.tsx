import { useTranslation } from 'react-i18next';
import { currentView } from '../state/compute';
import { buildExport, buildImageLabExport, downloadExport } from '../state/exportData';
import { useAppStore } from '../state/store';

/** Downloads the numbers on screen as quantization-playground.json. */
export function ExportButton() {
  const { t } = useTranslation('app');
  const ready = useAppStore((state) => state.view !== null && state.backend !== null);
  const exportNow = async () => {
    // the view may lag while only the image lab is on screen: bring it up to date first
    const view = await currentView();
    const { backend, engine, lesson, lab, params, learned, codec } = useAppStore.getState();
    if (!view || !backend) return;
    const data = buildExport(view.params, backend.name, engine, view.probes, lesson);
    const imageLab = buildImageLabExport(lab, lesson, params, learned, codec);
    downloadExport(imageLab ? { ...data, imageLab } : data);
  };
  return (
    <button type="button" className="primary" onClick={() => void exportNow()} disabled={!ready}>
      {t('export.button')}
    </button>
  );
}
