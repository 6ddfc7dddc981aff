import { Trans, useTranslation } from 'react-i18next';
import { seedShortcut } from '../model/centers';
import { formatValue } from '../format';
import { useAppStore } from '../state/store';
import { Formula } from './Formula';
import { ProbeRows } from './StepNumbers';
import { TERM_TAGS } from './terms';

/** The seed's two shortcuts checked at the probes for the current centers. */
function ShortcutCheck() {
  const { t } = useTranslation('teach');
  const view = useAppStore((state) => state.view);
  const setParam = useAppStore((state) => state.setParam);
  if (!view) return null;
  const { params, probes: result } = view;
  const rows = params.probes.map((w, i) => {
    const gathered = result.values.hard[i] as number;
    const shortcut = seedShortcut(result.nearestIndex[i] as number, result.centers);
    const rounded = result.values.seedRound[i] as number;
    return { w, gathered, shortcut, rounded, shortcutWrong: shortcut !== gathered, roundWrong: rounded !== gathered };
  });
  const shortcutWrong = rows.filter((row) => row.shortcutWrong).length;
  const roundWrong = rows.filter((row) => row.roundWrong).length;
  const total = rows.length;
  return (
    <>
      <p data-testid="shortcut-summary">
        <Trans
          t={t}
          i18nKey="pitfall.summary"
          values={{ centerCount: result.centerCount, spacing: formatValue(params.spacing) }}
          components={{
            c: TERM_TAGS.c,
            shortcut:
              shortcutWrong === 0 ? (
                <span>{t('pitfall.shortcutRight')}</span>
              ) : (
                <strong>{t('pitfall.shortcutWrong', { wrong: shortcutWrong, total })}</strong>
              ),
            round:
              roundWrong === 0 ? (
                <span>{t('pitfall.roundRight')}</span>
              ) : (
                <strong>{t('pitfall.roundWrong', { wrong: roundWrong, total })}</strong>
              ),
          }}
        />{' '}
        <button type="button" className="link" onClick={() => setParam('centerCount', 4)}>
          {t('pitfall.tryL')}
        </button>{' '}
        ·{' '}
        <button type="button" className="link" onClick={() => setParam('spacing', 0.5)}>
          {t('pitfall.trySpacing')}
        </button>
      </p>
      <ProbeRows
        testId="shortcut-table"
        head={[t('pitfall.headRight'), 'argmin + min(c)', 'round(w_bar)']}
        rows={rows.map((row) => ({
          w: row.w,
          cells: [
            formatValue(row.gathered),
            <span key="shortcut" className={row.shortcutWrong ? 'wrong' : undefined}>
              {formatValue(row.shortcut)}
            </span>,
            <span key="round" className={row.roundWrong ? 'wrong' : undefined}>
              {formatValue(row.rounded)}
            </span>,
          ],
        }))}
      />
    </>
  );
}

/**
 * The seed's last line as written (wrapped in tf.round) against the corrected line, and the
 * reasons in words; the toggle (SeedLineToggle) is pinned over the figures it changes.
 */
export function RoundPitfall() {
  const { t } = useTranslation('teach');
  return (
    <section className="card pitfall" aria-label={t('pitfall.aria')} id="pitfall">
      <h2>{t('pitfall.title')}</h2>
      <p className="pitfall-toggle-note">
        <Trans t={t} i18nKey="pitfall.toggleNote" components={{ strip: <a href="#controls" /> }} />
      </p>
      <p>
        <Trans
          t={t}
          i18nKey="pitfall.twoLines"
          components={{
            f1: (
              <Formula
                tex="\bar w = \mathrm{round}\big(\mathrm{sg}(w_{\mathrm{hard}} - w_{\mathrm{soft}}) + w_{\mathrm{soft}}\big)"
                text="w_bar = round(sg(w_hard − w_soft) + w_soft)"
              />
            ),
            f2: (
              <Formula
                tex="\bar w = w_{\mathrm{soft}} + \mathrm{sg}(w_{\mathrm{hard}} - w_{\mathrm{soft}})"
                text="w_bar = w_soft + sg(w_hard − w_soft)"
              />
            ),
          }}
        />
      </p>
      <p>
        <Trans t={t} i18nKey="pitfall.why" components={TERM_TAGS} />
      </p>
      <p>
        <Trans t={t} i18nKey="pitfall.forward" components={TERM_TAGS} />
      </p>
      <ShortcutCheck />
    </section>
  );
}
