import type { ReactNode } from 'react';
import { useAppStore } from '../state/store';
import { Formula } from './Formula';
import { Term } from './Term';

/** The last step: the gradient w_bar passes back, in closed form for the distance in use. */
function GradientStep() {
  const distance = useAppStore((state) => state.params.distance);
  const closedForm =
    distance === 'l1'
      ? {
          tex: '-\\frac{1}{T}\\,\\mathrm{Cov}_p\\!\\big(c,\\ \\mathrm{sign}(w - c)\\big)',
          text: '−(1/T) Cov_p(c, sign(w − c))',
        }
      : { tex: '\\frac{2}{T}\\,\\mathrm{Var}_p(c)', text: '(2/T) Var_p(c)' };
  return (
    <>
      <p>
        Going back, <span className="mono">stop_gradient</span> passes nothing, so{' '}
        <Term mark="gradient">the gradient</Term> of w_bar is that of w_soft: the straight-through estimator. But the
        seed’s last line wraps it all in <Term mark="seedRound">tf.round</Term>, whose gradient is none in TensorFlow
        and zero in TensorFlow.js: as written, nothing flows back. Drop the round: compare both lines in{' '}
        <a href="#pitfall">the round pitfall</a>, then watch the difference train a population in{' '}
        <a href="#training">the training demo</a>.
      </p>
      <Formula
        display
        tex={`\\frac{\\partial \\bar w}{\\partial w} = \\frac{\\partial w_{\\mathrm{soft}}}{\\partial w} = ${closedForm.tex}, \\qquad \\frac{\\partial\\, \\mathrm{round}(\\bar w)}{\\partial w} = 0`}
        text={`d w_bar/dw = d w_soft/dw = ${closedForm.text}; d round(w_bar)/dw = 0`}
      />
    </>
  );
}

/** What each walkthrough step says: a few sentences and the step's formula. */
const STEP_TEXT: Record<number, ReactNode> = {
  1: (
    <>
      <p>
        The seed quantizes to the <Term mark="centers">L = 5 integers −2 … 2</Term>. Every input will end up as one of
        them; the heatmap has one row per center.
      </p>
      <Formula display tex="c = (-2,\ -1,\ 0,\ 1,\ 2)" text="c = (−2, −1, 0, 1, 2)" />
    </>
  ),
  2: (
    <>
      <p>
        <span className="mono">w_stack</span> repeats each input once per center, so that one subtraction compares{' '}
        <Term mark="distances">every input with every center</Term>: one row per input, one column per center. The seed
        prints these differences; its distance is their absolute value.
      </p>
      <Formula display tex="d_{ij} = |w_i - c_j|" text="d_ij = |w_i − c_j|" />
    </>
  ),
  3: (
    <>
      <p>
        The <Term mark="hard">hard choice</Term> is the nearest center. <span className="mono">argmin</span> gives its
        index (ties go to the lower index: −0.5 → −1, 0.5 → 0), and adding <span className="mono">min(centers)</span> =
        −2 turns the index into the value. That shortcut is right only for centers one apart; in general the value is{' '}
        <span className="mono">centers[argmin]</span>, which this app uses.
      </p>
      <Formula display tex="w_{\mathrm{hard},i} = c_{\arg\min_j d_{ij}}" text="w_hard,i = c[argmin_j d_ij]" />
    </>
  ),
  4: (
    <>
      <p>
        The <Term mark="assignments">soft assignment</Term> weights every center by a softmax of the negative distances,
        scaled by 1/T. Each row sums to 1 and peaks at the nearest center; the heatmap paints these rows for every w.
      </p>
      <Formula
        display
        tex="p_{ij} = \frac{e^{-d_{ij}/T}}{\sum_k e^{-d_{ik}/T}}"
        text="p_ij = exp(−d_ij / T) / Σ_k exp(−d_ik / T)"
      />
    </>
  ),
  5: (
    <>
      <p>
        <Term mark="soft">w_soft</Term> is the mean of the centers under those weights: a smooth function of w, so it
        has a gradient, but its value is not a center (−0.78 instead of −1).
      </p>
      <Formula display tex="w_{\mathrm{soft},i} = \sum_j p_{ij}\, c_j" text="w_soft,i = Σ_j p_ij c_j" />
    </>
  ),
  6: (
    <>
      <p>
        Adding <span className="mono">w_soft</span> and then subtracting it inside{' '}
        <span className="mono">stop_gradient</span> changes nothing going forward:{' '}
        <Term mark="bar">w_bar equals w_hard</Term> to the last bit. Here the centers are integers, so the seed’s outer{' '}
        <span className="mono">tf.round</span> changes nothing either.
      </p>
      <Formula
        display
        tex="\bar w = w_{\mathrm{soft}} + \mathrm{sg}(w_{\mathrm{hard}} - w_{\mathrm{soft}}) = w_{\mathrm{hard}}"
        text="w_bar = w_soft + sg(w_hard − w_soft) = w_hard"
      />
    </>
  ),
  7: <GradientStep />,
};

export function StepText({ step }: { step: number }) {
  return <div className="step-text">{STEP_TEXT[step]}</div>;
}
