import { useTranslation } from 'react-i18next';
import { ESTIMATORS, ESTIMATOR_FORMULAS } from '../model/estimators';
import { Cited } from './Cited';

/** What each gradient column of the probe table is. */
export function EstimatorGuide() {
  const { t } = useTranslation('teach');
  return (
    <section className="card" aria-label={t('estimators.aria')} id="estimators">
      <h2>{t('estimators.title')}</h2>
      <dl className="estimators">
        {ESTIMATORS.map((name) => (
          <div key={name}>
            <dt>{t(`estimators.${name}.label`)}</dt>
            <dd>
              <span className="mono">{ESTIMATOR_FORMULAS[name]}</span>
              <span className="muted">
                {' · '}
                <Cited text={t(`estimators.${name}.source`)} />
              </span>
              <br />
              {t(`estimators.${name}.effect`)}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
