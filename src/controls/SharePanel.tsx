import { useState } from 'react';
import { PRESETS, presetParams } from '../state/presets';
import { useAppStore } from '../state/store';
import { writeQuery } from '../state/url';

type CopyState = { kind: 'idle' } | { kind: 'copied' } | { kind: 'manual'; link: string };

/** Copy the link to this view, or open a preset view (each preset is a real link). */
export function SharePanel() {
  const requestedBackend = useAppStore((state) => state.requestedBackend);
  const setParams = useAppStore((state) => state.setParams);
  const [copy, setCopy] = useState<CopyState>({ kind: 'idle' });

  const copyLink = async () => {
    const link = window.location.href;
    try {
      if (!navigator.clipboard) throw new Error('no clipboard here');
      await navigator.clipboard.writeText(link);
      setCopy({ kind: 'copied' });
    } catch {
      // The clipboard can be refused (permissions, insecure origin): offer the text instead.
      setCopy({ kind: 'manual', link });
    }
  };

  return (
    <section className="card controls" aria-label="Share">
      <h2>Share</h2>
      <div className="control-row">
        <button type="button" onClick={() => void copyLink()}>
          Copy link
        </button>
        {copy.kind === 'copied' ? (
          <span className="muted" role="status">
            Link copied
          </span>
        ) : null}
      </div>
      {copy.kind === 'manual' ? (
        <label className="manual-link">
          <span className="control-hint">The clipboard was refused; copy the link from here:</span>
          <input type="text" readOnly value={copy.link} onFocus={(event) => event.currentTarget.select()} autoFocus />
        </label>
      ) : null}
      <h3>Presets</h3>
      <ul className="presets">
        {PRESETS.map((preset) => {
          const params = presetParams(preset);
          const href = writeQuery(params, requestedBackend);
          return (
            <li key={preset.label}>
              <a
                href={href}
                onClick={(event) => {
                  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
                  event.preventDefault();
                  setParams(params);
                }}
              >
                {preset.label}
              </a>
              <span className="control-hint"> {preset.description}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
