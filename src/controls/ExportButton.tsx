import { buildExport, downloadExport } from '../state/exportData';
import { useAppStore } from '../state/store';

/** Downloads the numbers on screen as quantization-playground.json. */
export function ExportButton() {
  const ready = useAppStore((state) => state.result !== null && state.backend !== null);
  const exportNow = () => {
    const { result, resultParams, backend } = useAppStore.getState();
    if (result && resultParams && backend) downloadExport(buildExport(resultParams, backend.name, result));
  };
  return (
    <button type="button" className="primary" onClick={exportNow} disabled={!ready}>
      Export data
    </button>
  );
}
