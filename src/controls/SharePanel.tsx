import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_LESSON } from '../state/fields';
import { PRESETS, presetParams } from '../state/presets';
import { useAppStore } from '../state/store';
import { writeQuery } from '../state/url';
import { copyText, linkToHere } from './shareLink';

type CopyState = { kind: 'idle' } | { kind: 'copied' } | { kind: 'manual'; link: string };

/** Copy the link to this view, or open a preset view (each preset is a real link). */
export function SharePanel() {
  const { t } = useTranslation('app');
  const requestedBackend = useAppStore((state) => state.requestedBackend);
  const engine = useAppStore((state) => state.engine);
  const setParams = useAppStore((state) => state.setParams);
  const [copy, setCopy] = useState<CopyState>({ kind: 'idle' });
  const [withSection, setWithSection] = useState(false);

  const copyLink = async () => {
    const link = withSection ? linkToHere(true) : window.location.href;
    // The clipboard can be refused (permissions, insecure origin): offer the text instead.
    setCopy((await copyText(link)) ? { kind: 'copied' } : { kind: 'manual', link });
  };

  return (
    <section className="card controls" aria-label={t('share.label')}>
      <h2>{t('share.label')}</h2>
      <div className="control-row">
        <button type="button" onClick={() => void copyLink()}>
          {t('share.copyLink')}
        </button>
        {copy.kind === 'copied' ? (
          <span className="muted" role="status">
            {t('share.copied')}
          </span>
        ) : null}
      </div>
      <label className="checkbox control-hint">
        <input
          type="checkbox"
          checked={withSection}
          onChange={(event) => setWithSection(event.currentTarget.checked)}
        />{' '}
        {t('share.withSection')}
      </label>
      {copy.kind === 'manual' ? (
        <label className="manual-link">
          <span className="control-hint">{t('share.manual')}</span>
          <input type="text" readOnly value={copy.link} onFocus={(event) => event.currentTarget.select()} autoFocus />
        </label>
      ) : null}
      <h3>{t('share.presets')}</h3>
      <ul className="presets">
        {PRESETS.map((preset) => {
          const params = presetParams(preset);
          const href = writeQuery(params, requestedBackend, DEFAULT_LESSON, engine);
          return (
            <li key={preset.id}>
              <a
                href={href}
                onClick={(event) => {
                  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
                  event.preventDefault();
                  setParams(params);
                }}
              >
                {t(`share.preset.${preset.id}`)}
              </a>
              <span className="control-hint"> {t(`share.preset.${preset.id}Note`)}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
