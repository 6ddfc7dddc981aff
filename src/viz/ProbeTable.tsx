import { useTranslation } from 'react-i18next';
import { formatValue } from '../format';
import { ESTIMATORS, ESTIMATOR_FORMULAS } from '../model/estimators';
import { useAppStore } from '../state/store';
import { removeProbe } from './probeEditing';

// The value columns' headers: the seed's variable names, the same in every language.
const CODE_NAMES = { w: 'w', hard: 'w_hard', soft: 'w_soft', bar: 'w_bar' } as const;

// Past this many centers the assignment row is drawn as bars, not numbers.
const MAX_NUMBER_COLUMNS = 8;

function AssignmentBars({ row, hardIndex }: { row: Float32Array; hardIndex: number }) {
  const { t } = useTranslation('figures');
  const width = 4;
  return (
    <svg
      className="assignment-bars"
      width={row.length * width}
      height={24}
      role="img"
      aria-label={t('table.assignmentRow')}
    >
      {Array.from(row, (p, j) => (
        <rect
          key={j}
          x={j * width}
          y={24 - Math.max(1, p * 24)}
          width={width - 1}
          height={Math.max(1, p * 24)}
          className={j === hardIndex ? 'bar-hard' : 'bar'}
        />
      ))}
    </svg>
  );
}

/**
 * The seed-style printout for the probe points: w, w_hard, w_soft, w_bar, the row of soft
 * assignments p(c_j | w), and the derivative each estimator passes back.
 */
export function ProbeTable() {
  const view = useAppStore((state) => state.view);
  const hoveredProbe = useAppStore((state) => state.hoveredProbe);
  const setHoveredProbe = useAppStore((state) => state.setHoveredProbe);
  const setParam = useAppStore((state) => state.setParam);
  const { t } = useTranslation('figures');
  if (!view) return <p className="muted">{t('computing')}</p>;
  const { params, probes: result } = view;
  const { centerCount, centers } = result;
  const asNumbers = centerCount <= MAX_NUMBER_COLUMNS;
  return (
    <div className="table-scroll">
      <table className="probe-table" data-testid="probe-table">
        <caption>
          {t('table.caption', {
            temperature: formatValue(params.temperature),
            centers: centerCount,
            distance: params.distance === 'l1' ? '|w − c|' : '(w − c)²',
          })}
        </caption>
        <thead>
          <tr>
            <th rowSpan={2} scope="col">
              <span className="visually-hidden">{t('table.remove')}</span>
            </th>
            <th rowSpan={2} scope="col">
              {CODE_NAMES.w}
            </th>
            <th rowSpan={2} scope="col" data-link="hard">
              {CODE_NAMES.hard}
            </th>
            <th rowSpan={2} scope="col" data-link="soft">
              {CODE_NAMES.soft}
            </th>
            <th rowSpan={2} scope="col" title={t('table.barTitle')} data-link="bar">
              {CODE_NAMES.bar}
            </th>
            <th colSpan={asNumbers ? centerCount : 1} scope="colgroup" data-link="assignments">
              {t('table.assignment')}
            </th>
            <th colSpan={ESTIMATORS.length} scope="colgroup" data-link="gradient">
              {t('table.passedBack')}
            </th>
          </tr>
          <tr>
            {asNumbers ? (
              Array.from(centers, (c, j) => (
                <th key={j} scope="col" className="sub" data-link="centers">
                  {`c=${formatValue(c)}`}
                </th>
              ))
            ) : (
              <th scope="col" className="sub">
                {`c = ${formatValue(centers[0] as number)} … ${formatValue(centers[centerCount - 1] as number)}`}
              </th>
            )}
            {ESTIMATORS.map((name) => (
              <th
                key={name}
                scope="col"
                className="sub"
                title={`${ESTIMATOR_FORMULAS[name]} (${t(`estimatorSource.${name}`)})`}
              >
                {t(`estimator.${name}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {params.probes.map((w, i) => {
            const row = result.assignments.subarray(i * centerCount, (i + 1) * centerCount);
            const hardIndex = result.nearestIndex[i] as number;
            return (
              <tr
                key={i}
                data-probe={i}
                className={hoveredProbe === i ? 'active' : undefined}
                onPointerEnter={() => setHoveredProbe(i)}
                onPointerLeave={() => setHoveredProbe(null)}
              >
                <td>
                  <button
                    type="button"
                    className="link remove"
                    aria-label={t('table.removeProbe', { number: i + 1 })}
                    disabled={params.probes.length <= 1}
                    onClick={() => setParam('probes', removeProbe(useAppStore.getState().params.probes, i))}
                  >
                    ✕
                  </button>
                </td>
                <th scope="row" className="num">
                  {formatValue(w)}
                </th>
                <td className="num">{formatValue(result.values.hard[i] as number)}</td>
                <td className="num">{formatValue(result.values.soft[i] as number)}</td>
                <td className="num">{formatValue(result.values.ste[i] as number)}</td>
                {asNumbers ? (
                  Array.from(row, (p, j) => (
                    <td
                      key={j}
                      className={`num assignment${j === hardIndex ? ' hard' : ''}`}
                      style={{ '--p': p } as React.CSSProperties}
                    >
                      {formatValue(p)}
                    </td>
                  ))
                ) : (
                  <td className="assignment-cell" title={t('table.maxP', { value: formatValue(row[hardIndex] ?? 0) })}>
                    <AssignmentBars row={row} hardIndex={hardIndex} />
                  </td>
                )}
                {ESTIMATORS.map((name) => {
                  const g = result.gradients[name][i] as number;
                  return (
                    <td key={name} className={`num grad${g === 0 ? ' zero' : ''}`} data-estimator={name}>
                      {formatValue(g)}
                      {g === 0 ? <span className="no-grad"> {t('table.noGradient')}</span> : null}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
