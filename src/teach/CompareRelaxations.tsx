import { useOnScreen } from '../viz/useOnScreen';
import { FieldSlider } from '../controls/FieldSlider';
import { formatValue } from '../format';
import { ALPHA_LIMITS } from '../model/relaxations';
import { FigureBoundary } from '../layout/FigureBoundary';
import { RelaxationsFigure } from '../viz/RelaxationsFigure';
import { Formula } from './Formula';

/** The four relaxations side by side, with soft rounding's sharpness α and what each one is. */
export function CompareRelaxations() {
  const onScreenRef = useOnScreen('relaxations');
  return (
    <section className="card compare" aria-label="Estimators compared" data-figure="relaxations" ref={onScreenRef}>
      <h2>Four ways to pass a gradient through quantization</h2>
      <div className="compare-layout">
        <FigureBoundary name="relaxations">
          <RelaxationsFigure />
        </FigureBoundary>
        <div className="compare-text">
          <FieldSlider
            name="alpha"
            label="Soft-rounding sharpness α"
            valueText={(alpha) => `α = ${formatValue(alpha)}`}
            hint={`log scale, ${ALPHA_LIMITS.min} to ${ALPHA_LIMITS.max}: small α is the identity, large α rounds`}
          />
          <dl className="estimators">
            <dt className="relax-key relax-ste">Soft-to-hard STE (the seed; Mentzer et al. 2018)</dt>
            <dd>
              Forward <Formula tex="w_{\mathrm{hard}}" text="w_hard" />, backward{' '}
              <Formula tex="\partial w_{\mathrm{soft}}/\partial w" text="∂w_soft/∂w" />: bumps that follow the
              temperature.
            </dd>
            <dt className="relax-key relax-identity">Identity STE (Bengio et al. 2013; Theis et al. 2017)</dt>
            <dd>
              Forward{' '}
              <Formula
                tex="w + \mathrm{sg}(w_{\mathrm{hard}} - w) = w_{\mathrm{hard}}"
                text="w + sg(w_hard − w) = w_hard"
              />
              , backward 1, as if there were no quantizer.
            </dd>
            <dt className="relax-key relax-noise">Additive uniform noise (Ballé et al. 2017)</dt>
            <dd>
              Training adds <Formula tex="u \sim \mathcal U(-\tfrac\Delta2, \tfrac\Delta2)" text="u ~ U(−Δ/2, Δ/2)" />{' '}
              (Δ the center spacing): the band is where the noisy value falls, its mean is w, the dots are one sample.
              Backward 1. Not clamped to the outer centers.
            </dd>
            <dt className="relax-key relax-softRound">Soft rounding (Agustsson and Theis 2020)</dt>
            <dd>
              <Formula
                tex="s_\alpha(w) = m + \frac{\tanh(\alpha r)}{2\tanh(\alpha/2)},\ m = \lfloor w\rfloor + \tfrac12,\ r = w - m"
                text="s_α(w) = m + tanh(α r) / (2 tanh(α/2)), m = floor(w) + 1/2, r = w − m"
              />{' '}
              in units of Δ from the first center, clipped to the outer centers; its derivative is the bottom curve.
            </dd>
          </dl>
        </div>
      </div>
    </section>
  );
}
