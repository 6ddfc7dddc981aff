import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatProbes, parseProbes, SEED_PROBES, MAX_PROBES } from '../state/params';
import { useAppStore } from '../state/store';

/** The probe inputs w as a comma list; applied on Enter or with the button. */
export function ProbesControl() {
  const { t } = useTranslation('app');
  const id = useId();
  const probes = useAppStore((state) => state.params.probes);
  const setParam = useAppStore((state) => state.setParam);
  const addNotices = useAppStore((state) => state.addNotices);
  // An edit in progress belongs to the probes it started from; when they change, it is dropped.
  const [edit, setEdit] = useState<{ from: number[]; text: string } | null>(null);
  const draft = edit && edit.from === probes ? edit.text : formatProbes(probes);

  const apply = (text: string) => {
    const parsed = parseProbes(text);
    setParam('probes', parsed.value);
    setEdit(null);
    if (parsed.notice) addNotices([parsed.notice]);
  };

  return (
    <div className="control">
      <div className="control-head">
        <label htmlFor={id}>{t('quantizer.probes')}</label>
      </div>
      <div className="control-row">
        <input
          id={id}
          className="probes-field"
          type="text"
          value={draft}
          spellCheck={false}
          onChange={(event) => setEdit({ from: probes, text: event.currentTarget.value })}
          onKeyDown={(event) => {
            if (event.key === 'Enter') apply(draft);
          }}
        />
        <button type="button" onClick={() => apply(draft)}>
          {t('quantizer.apply')}
        </button>
      </div>
      <p className="control-hint">
        {t('quantizer.probesHint', { max: MAX_PROBES })}{' '}
        <button type="button" className="link" onClick={() => apply(formatProbes(SEED_PROBES))}>
          {t('quantizer.seedProbes')}
        </button>
      </p>
    </div>
  );
}
