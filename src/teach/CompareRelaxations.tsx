import { Trans, useTranslation } from 'react-i18next';
import { useOnScreen } from '../viz/useOnScreen';
import { FieldSlider } from '../controls/FieldSlider';
import { formatValue } from '../format';
import { ALPHA_LIMITS } from '../model/relaxations';
import { FigureBoundary } from '../layout/FigureBoundary';
import { RelaxationsFigure } from '../viz/RelaxationsFigure';
import { RELAX_KEYS } from '../viz/relaxationMarks';
import { Swatch } from '../viz/Swatch';
import { Formula } from './Formula';
import { Cited } from './Cited';

/** The four relaxations side by side, with soft rounding's sharpness α and what each one is. */
export function CompareRelaxations() {
  const { t } = useTranslation('teach');
  const onScreenRef = useOnScreen('relaxations');
  return (
    <section
      className="card compare"
      aria-label={t('compare.aria')}
      data-figure="relaxations"
      id="relaxations"
      ref={onScreenRef}
    >
      <h2>{t('compare.title')}</h2>
      <div className="compare-layout">
        <FigureBoundary name="relaxations">
          <RelaxationsFigure />
        </FigureBoundary>
        <div className="compare-text">
          <FieldSlider
            name="alpha"
            label={t('compare.alpha')}
            valueText={(alpha) => `α = ${formatValue(alpha)}`}
            hint={t('compare.alphaHint', { min: ALPHA_LIMITS.min, max: ALPHA_LIMITS.max })}
          />
          <dl className="estimators">
            <dt className="relax-key">
              <Swatch look={RELAX_KEYS.ste} length={16} />
              <Cited text={t('compare.ste.term')} />
            </dt>
            <dd>
              <Trans
                t={t}
                i18nKey="compare.ste.text"
                components={{
                  f1: <Formula tex="w_{\mathrm{hard}}" text="w_hard" />,
                  f2: <Formula tex="\partial w_{\mathrm{soft}}/\partial w" text="∂w_soft/∂w" />,
                }}
              />
            </dd>
            <dt className="relax-key">
              <Swatch look={RELAX_KEYS.identity} length={16} />
              <Cited text={t('compare.identity.term')} />
            </dt>
            <dd>
              <Trans
                t={t}
                i18nKey="compare.identity.text"
                components={{
                  f1: (
                    <Formula
                      tex="w + \mathrm{sg}(w_{\mathrm{hard}} - w) = w_{\mathrm{hard}}"
                      text="w + sg(w_hard − w) = w_hard"
                    />
                  ),
                }}
              />
            </dd>
            <dt className="relax-key">
              <Swatch look={RELAX_KEYS.noise} length={16} />
              <Cited text={t('compare.noise.term')} />
            </dt>
            <dd>
              <Trans
                t={t}
                i18nKey="compare.noise.text"
                components={{
                  f1: <Formula tex="u \sim \mathcal U(-\tfrac\Delta2, \tfrac\Delta2)" text="u ~ U(−Δ/2, Δ/2)" />,
                }}
              />
            </dd>
            <dt className="relax-key">
              <Swatch look={RELAX_KEYS.softRound} length={16} />
              <Cited text={t('compare.softRound.term')} />
            </dt>
            <dd>
              <Trans
                t={t}
                i18nKey="compare.softRound.text"
                components={{
                  f1: (
                    <Formula
                      tex="s_\alpha(w) = m + \frac{\tanh(\alpha r)}{2\tanh(\alpha/2)},\ m = \lfloor w\rfloor + \tfrac12,\ r = w - m"
                      text="s_α(w) = m + tanh(α r) / (2 tanh(α/2)), m = floor(w) + 1/2, r = w − m"
                    />
                  ),
                }}
              />
            </dd>
          </dl>
        </div>
      </div>
    </section>
  );
}
