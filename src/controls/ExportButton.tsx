import { buildExport, downloadExport } from '../state/exportData';
import { useAppStore } from '../state/store';

/** Downloads the numbers on screen as quantization-playground.json. */
export function ExportButton() {
  const ready = useAppStore((state) => state.view !== null && state.backend !== null);
  const exportNow = () => {
    const { view, backend, lesson } = useAppStore.getState();
    if (view && backend) downloadExport(buildExport(view.params, backend.name, view.probes, lesson));
  };
  return (
    <button type="button" className="primary" onClick={exportNow} disabled={!ready}>
      Export data
    </button>
  );
}
