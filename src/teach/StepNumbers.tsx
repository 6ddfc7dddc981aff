import { seedShortcut } from '../model/centers';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatValue } from '../format';
import { useAppStore } from '../state/store';
import { differences, softGradientClosedForm, type StepTable } from './seedSteps';

/** The input column's head: the variable's name, the same in every language. */
const INPUT_HEAD = 'w';

/** A small table, one row per probe: w and the step's columns. */
export function ProbeRows({
  head,
  rows,
  testId = 'step-table',
}: {
  head: ReactNode[];
  rows: Array<{ w: number; cells: ReactNode[] }>;
  testId?: string;
}) {
  return (
    <div className="table-scroll">
      <table className="step-table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{INPUT_HEAD}</th>
            {head.map((cell, k) => (
              <th key={k} scope="col">
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              <th scope="row" className="num">
                {formatValue(row.w)}
              </th>
              {row.cells.map((cell, k) => (
                <td key={k} className="num">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The numbers of one walkthrough step for the probes, from the app's quantizer (tfjs) where the
 * step computes something, and from plain arithmetic where the seed prints an intermediate.
 */
export function StepNumbers({ table }: { table: StepTable }) {
  const { t } = useTranslation('teach');
  const view = useAppStore((state) => state.view);
  if (!view) return <p className="muted">{t('walk.computing')}</p>;
  const { params, probes: result } = view;
  const { centers, centerCount } = result;
  const probes = params.probes;
  const centerHeads = Array.from(centers, (c) => `c = ${formatValue(c)}`);
  const rowOf = (i: number) => result.assignments.subarray(i * centerCount, (i + 1) * centerCount);

  if (table === 'centers') {
    return (
      <p className="step-values" data-testid="step-table">
        {`centers = [${Array.from(centers, formatValue).join(', ')}]`}
      </p>
    );
  }
  if (table === 'differences') {
    const diffs = differences(probes, centers);
    return (
      <ProbeRows head={centerHeads} rows={probes.map((w, i) => ({ w, cells: (diffs[i] ?? []).map(formatValue) }))} />
    );
  }
  if (table === 'hard') {
    return (
      <ProbeRows
        head={['argmin j', '+ min(centers)', 'centers[argmin]']}
        rows={probes.map((w, i) => {
          const j = result.nearestIndex[i] as number;
          return {
            w,
            cells: [String(j), formatValue(seedShortcut(j, centers)), formatValue(result.values.hard[i] as number)],
          };
        })}
      />
    );
  }
  if (table === 'assignments') {
    return (
      <ProbeRows
        head={centerHeads}
        rows={probes.map((w, i) => ({
          w,
          cells: Array.from(rowOf(i), (p, j) => (
            <span key={j} className={j === result.nearestIndex[i] ? 'strong' : undefined}>
              {formatValue(p)}
            </span>
          )),
        }))}
      />
    );
  }
  if (table === 'soft') {
    return (
      <ProbeRows
        head={['w_soft']}
        rows={probes.map((w, i) => ({ w, cells: [formatValue(result.values.soft[i] as number)] }))}
      />
    );
  }
  if (table === 'bar') {
    return (
      <ProbeRows
        head={['w_hard', t('numbers.forward'), t('numbers.roundAsWritten')]}
        rows={probes.map((w, i) => ({
          w,
          cells: [result.values.hard[i], result.values.ste[i], result.values.seedRound[i]].map((v) =>
            formatValue(v as number),
          ),
        }))}
      />
    );
  }
  return (
    <ProbeRows
      head={[t('numbers.autodiff'), t('numbers.closedForm'), t('numbers.roundGradient')]}
      rows={probes.map((w, i) => ({
        w,
        cells: [
          formatValue(result.gradients.ste[i] as number),
          formatValue(softGradientClosedForm(w, rowOf(i), centers, params.temperature, params.distance)),
          formatValue(result.gradients.seedRound[i] as number),
        ],
      }))}
    />
  );
}
