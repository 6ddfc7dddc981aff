import { Trans, useTranslation } from 'react-i18next';
import { formatValue } from '../format';
import { SEED_STEP_COUNT } from '../state/lesson';
import { DEFAULT_PARAMS } from '../state/fields';
import type { Params } from '../state/params';
import { useAppStore } from '../state/store';
import { writeQuery } from '../state/url';
import { Formula } from './Formula';
import { SEED_CODE, SEED_STEPS } from './seedSteps';
import { StepNumbers } from './StepNumbers';
import { StepText } from './StepText';
import { TERM_TAGS } from './terms';

/** The class of the code lines the step explains. */
const CURRENT_LINE = 'current';

const SEED_KEYS = ['temperature', 'centerCount', 'spacing', 'distance', 'probes'] as const;

/** Whether the probe numbers are those of the seed's printout (the params they depend on match). */
function onSeedExample(params: Params): boolean {
  return SEED_KEYS.every((key) => String(params[key]) === String(DEFAULT_PARAMS[key]));
}

/**
 * Steps through the seed's code on its own example: each step highlights its lines, says what
 * they compute, shows the numbers for the six inputs (computed live by the app's quantizer) and
 * lights up the quantity in the figures. Every step is a link.
 */
export function SeedWalkthrough() {
  const { t } = useTranslation('teach');
  const step = useAppStore((state) => state.lesson.step);
  const params = useAppStore((state) => state.params);
  const lesson = useAppStore((state) => state.lesson);
  const requestedBackend = useAppStore((state) => state.requestedBackend);
  const engine = useAppStore((state) => state.engine);
  const setLesson = useAppStore((state) => state.setLesson);
  const setParams = useAppStore((state) => state.setParams);

  const restoreSeedExample = () => {
    if (onSeedExample(params)) return;
    const { temperature, centerCount, spacing, distance, probes } = DEFAULT_PARAMS;
    setParams({ ...params, temperature, centerCount, spacing, distance, probes: [...probes] });
  };
  const start = () => {
    restoreSeedExample();
    setLesson({ step: 1 });
  };
  if (step === 0) {
    return (
      <section className="card walkthrough closed" aria-label={t('walk.aria')} id="walkthrough">
        <button type="button" className="primary" onClick={start}>
          {t('walk.start')}
        </button>
        <span className="control-hint">
          {' '}
          <Trans t={t} i18nKey="walk.startHint" components={{ c: <span className="mono" />, seed: TERM_TAGS.seed }} />
        </span>
      </section>
    );
  }
  const current = SEED_STEPS[step - 1] as (typeof SEED_STEPS)[number];
  const linkTo = (k: number) => writeQuery(params, requestedBackend, { ...lesson, step: k }, engine);
  const go = (k: number) => (event: React.MouseEvent) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
    event.preventDefault();
    setLesson({ step: k });
  };
  return (
    <section className="card walkthrough" aria-label={t('walk.aria')} data-testid="walkthrough" id="walkthrough">
      <div className="card-head">
        <h2>{t('walk.heading', { step, total: SEED_STEP_COUNT, title: t(`steps.${current.table}.title`) })}</h2>
        <button type="button" className="link" onClick={() => setLesson({ step: 0 })}>
          {t('walk.close')}
        </button>
      </div>
      <pre className="seed-code" aria-label={t('walk.codeAria')}>
        {SEED_CODE.map((line, k) => (
          <code key={k} {...(current.lines.includes(k) ? { className: CURRENT_LINE, 'data-link': current.mark } : {})}>
            {line}
            {'\n'}
          </code>
        ))}
      </pre>
      <StepText table={current.table} />
      {onSeedExample(params) ? null : (
        <p className="walkthrough-note" role="note">
          {t('walk.liveNote', { temperature: formatValue(params.temperature), centerCount: params.centerCount })}{' '}
          <button type="button" className="link" onClick={restoreSeedExample}>
            {t('walk.backToSeed')}
          </button>
        </p>
      )}
      <StepNumbers table={current.table} />
      <nav className="walkthrough-nav" aria-label={t('walk.navAria')}>
        <a
          className="button"
          href={linkTo(Math.max(1, step - 1))}
          aria-disabled={step === 1}
          onClick={go(Math.max(1, step - 1))}
        >
          {t('walk.back')}
        </a>
        <ol className="step-links">
          {SEED_STEPS.map((s, k) => (
            <li key={k}>
              <a
                href={linkTo(k + 1)}
                aria-current={k + 1 === step ? 'step' : undefined}
                title={t(`steps.${s.table}.title`)}
                onClick={go(k + 1)}
              >
                {k + 1}
              </a>
            </li>
          ))}
        </ol>
        <a
          className="button primary"
          href={linkTo(Math.min(SEED_STEP_COUNT, step + 1))}
          aria-disabled={step === SEED_STEP_COUNT}
          onClick={go(Math.min(SEED_STEP_COUNT, step + 1))}
        >
          {t('walk.next')}
        </a>
      </nav>
      <p className="control-hint">
        <Trans
          t={t}
          i18nKey="walk.legend"
          components={{ f1: <Formula tex="\mathrm{sg}(\cdot)" text="sg(·)" />, c: <span className="mono" /> }}
        />
      </p>
    </section>
  );
}
