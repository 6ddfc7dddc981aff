import { seedShortcut } from '../model/centers';
import { formatValue } from '../format';
import { SEED_LINES, type SeedLine } from '../state/lesson';
import { useAppStore } from '../state/store';
import { Formula } from './Formula';
import { ProbeRows } from './StepNumbers';
import { Term } from './Term';

const LINE_LABELS: Record<SeedLine, string> = {
  both: 'Show both',
  written: 'Seed as written (with tf.round)',
  corrected: 'Corrected (no round)',
};

/** The seed's two shortcuts checked at the probes for the current centers. */
function ShortcutCheck() {
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
  return (
    <>
      <p data-testid="shortcut-summary">
        With these centers (L = {result.centerCount}, spacing {formatValue(params.spacing)}),{' '}
        <span className="mono">argmin + min(centers)</span> is{' '}
        {shortcutWrong === 0 ? (
          'right at every probe'
        ) : (
          <strong>
            wrong at {shortcutWrong} of {rows.length} probes
          </strong>
        )}
        , and <span className="mono">tf.round</span>{' '}
        {roundWrong === 0 ? (
          'changes no forward value'
        ) : (
          <strong>
            changes {roundWrong} of {rows.length} forward values
          </strong>
        )}
        .{' '}
        <button type="button" className="link" onClick={() => setParam('centerCount', 4)}>
          Try L = 4
        </button>{' '}
        ·{' '}
        <button type="button" className="link" onClick={() => setParam('spacing', 0.5)}>
          Try spacing 0.5
        </button>
      </p>
      <ProbeRows
        testId="shortcut-table"
        head={['c[argmin] (right)', 'argmin + min(c)', 'round(w_bar)']}
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
 * The seed's last line as written (wrapped in tf.round) against the corrected line: a toggle that
 * the curves' derivative panel and the arrows follow, and the reasons in words.
 */
export function RoundPitfall() {
  const seedline = useAppStore((state) => state.lesson.seedline);
  const setLesson = useAppStore((state) => state.setLesson);
  return (
    <section className="card pitfall" aria-label="The round pitfall" id="pitfall">
      <h2>The seed’s round pitfall</h2>
      <div className="segmented" role="radiogroup" aria-label="The seed's last line">
        {SEED_LINES.map((line) => (
          <label key={line} className={seedline === line ? 'checked' : undefined}>
            <input
              type="radio"
              name="seedline"
              value={line}
              checked={seedline === line}
              onChange={() => setLesson({ seedline: line })}
            />
            {LINE_LABELS[line]}
          </label>
        ))}
      </div>
      <p>
        As written:{' '}
        <Formula
          tex="\bar w = \mathrm{round}\big(\mathrm{sg}(w_{\mathrm{hard}} - w_{\mathrm{soft}}) + w_{\mathrm{soft}}\big)"
          text="w_bar = round(sg(w_hard − w_soft) + w_soft)"
        />
        . Corrected:{' '}
        <Formula
          tex="\bar w = w_{\mathrm{soft}} + \mathrm{sg}(w_{\mathrm{hard}} - w_{\mathrm{soft}})"
          text="w_bar = w_soft + sg(w_hard − w_soft)"
        />
        .
      </p>
      <p>
        <Term mark="seedRound">tf.round</Term> is a step function. TensorFlow registers no gradient for it (None), and
        TensorFlow.js registers a zero one, so the round cuts every path back to w: the{' '}
        <Term mark="gradient">derivative panel</Term> shows a flat 0 and the <Term mark="arrows">arrows</Term> a ⊘ at
        every probe. Choose “as written” to see only what the seed trains with; “corrected” to see the straight-through
        estimator.
      </p>
      <p>
        The round is also wrong going forward once a center is not an integer (round half to even: 0.5 → 0, 1.5 → 2),
        and the seed’s <span className="mono">argmin + min(centers)</span> gives the right center only when the centers
        are one apart. The app computes <span className="mono">centers[argmin]</span>.
      </p>
      <ShortcutCheck />
    </section>
  );
}
