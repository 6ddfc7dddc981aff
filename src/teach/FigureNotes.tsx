import { Trans, useTranslation } from 'react-i18next';
import { Formula } from './Formula';
import { Term } from './Term';

// The notes' prose is in src/i18n/locales/<lang>/figures.json (`notes.*`); formulas and linked
// terms are components the messages name (<f1/>, <t1>…</t1>), so no message holds TeX.

/** Beside the heatmap: what a column of it is. */
export function HeatmapNote() {
  const { t } = useTranslation('figures');
  return (
    <p className="figure-explain">
      <Trans
        t={t}
        i18nKey="notes.heatmap"
        components={{
          t1: <Term mark="assignments">{null}</Term>,
          t2: <Term mark="centers">{null}</Term>,
          t3: <Term mark="hard">{null}</Term>,
          f1: (
            <Formula
              tex="p(c_j \mid w) = \operatorname{softmax}_j\!\big(-d(w, c_j)/T\big)"
              text="p(c_j | w) = softmax_j(−d(w, c_j) / T)"
            />
          ),
        }}
      />
    </p>
  );
}

/** Beside the curves: the forward values and what flows back. */
export function CurvesNote() {
  const { t } = useTranslation('figures');
  return (
    <p className="figure-explain">
      <Trans
        t={t}
        i18nKey="notes.curves"
        components={{
          t1: <Term mark="hard">{null}</Term>,
          t2: <Term mark="soft">{null}</Term>,
          t3: <Term mark="bar">{null}</Term>,
          t4: <Term mark="gradient">{null}</Term>,
          t5: <Term mark="seedRound">{null}</Term>,
          f1: <Formula tex="= \sum_j p(c_j \mid w)\, c_j" text="= Σ_j p(c_j | w) c_j" />,
          f2: (
            <Formula
              tex="= w_{\mathrm{soft}} + \mathrm{sg}(w_{\mathrm{hard}} - w_{\mathrm{soft}})"
              text="= w_soft + sg(w_hard − w_soft)"
            />
          ),
        }}
      />
    </p>
  );
}

/** Beside the arrows: the toy loss and the step it gives. */
export function ArrowsNote() {
  const { t } = useTranslation('figures');
  return (
    <p className="figure-explain">
      <Trans
        t={t}
        i18nKey="notes.arrows"
        components={{
          t1: <Term mark="arrows">{null}</Term>,
          t2: <Term mark="gradient">{null}</Term>,
          f1: <Formula tex="\ell = \tfrac12(\hat w - t)^2" text="l = ½(ŵ − t)²" />,
          f2: (
            <Formula
              tex="-\eta\,\frac{\partial \ell}{\partial w} = -\eta\,(\hat w - t)\,\frac{\partial \hat w}{\partial w}"
              text="−η ∂l/∂w = −η (ŵ − t) ∂ŵ/∂w"
            />
          ),
        }}
      />
    </p>
  );
}
