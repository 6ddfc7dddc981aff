import { Formula } from './Formula';
import { Term } from './Term';

/** Beside the heatmap: what a column of it is. */
export function HeatmapNote() {
  return (
    <p className="figure-explain">
      Each column is one input’s <Term mark="assignments">soft assignment</Term>{' '}
      <Formula
        tex="p(c_j \mid w) = \operatorname{softmax}_j\!\big(-d(w, c_j)/T\big)"
        text="p(c_j | w) = softmax_j(−d(w, c_j) / T)"
      />{' '}
      over the <Term mark="centers">centers</Term> (rows). Cold (small T), each column is one-hot at the{' '}
      <Term mark="hard">nearest center</Term>; hot, every center gets the same weight.
    </p>
  );
}

/** Beside the curves: the forward values and what flows back. */
export function CurvesNote() {
  return (
    <p className="figure-explain">
      <Term mark="hard">w_hard</Term> is a staircase: its derivative is 0 almost everywhere.{' '}
      <Term mark="soft">w_soft</Term> <Formula tex="= \sum_j p(c_j \mid w)\, c_j" text="= Σ_j p(c_j | w) c_j" /> is
      smooth but off the centers. The straight-through <Term mark="bar">w_bar</Term>{' '}
      <Formula
        tex="= w_{\mathrm{soft}} + \mathrm{sg}(w_{\mathrm{hard}} - w_{\mathrm{soft}})"
        text="= w_soft + sg(w_hard − w_soft)"
      />{' '}
      takes the staircase’s value and <Term mark="gradient">w_soft’s derivative</Term>; the seed’s{' '}
      <Term mark="seedRound">round(w_bar)</Term> takes the staircase’s value and its zero derivative.
    </p>
  );
}

/** Beside the arrows: the toy loss and the step it gives. */
export function ArrowsNote() {
  return (
    <p className="figure-explain">
      One gradient-descent step on the toy loss <Formula tex="\ell = \tfrac12(\hat w - t)^2" text="l = ½(ŵ − t)²" />:{' '}
      <Term mark="arrows">each arrow</Term> is{' '}
      <Formula
        tex="-\eta\,\frac{\partial \ell}{\partial w} = -\eta\,(\hat w - t)\,\frac{\partial \hat w}{\partial w}"
        text="−η ∂l/∂w = −η (ŵ − t) ∂ŵ/∂w"
      />{' '}
      for the estimator ŵ of its row. The forward value is the same for STE, hard and round; only{' '}
      <Term mark="gradient">what flows back</Term> differs.
    </p>
  );
}
