import { ESTIMATORS, ESTIMATOR_INFO } from '../model/estimators';

/** What each gradient column of the probe table is. */
export function EstimatorGuide() {
  return (
    <section className="card" aria-label="The estimators">
      <h2>The five gradients in the table</h2>
      <dl className="estimators">
        {ESTIMATORS.map((name) => (
          <div key={name}>
            <dt>{ESTIMATOR_INFO[name].label}</dt>
            <dd>
              <span className="mono">{ESTIMATOR_INFO[name].formula}</span>
              <span className="muted"> · {ESTIMATOR_INFO[name].source}</span>
              <br />
              {ESTIMATOR_INFO[name].effect}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
