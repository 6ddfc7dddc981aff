import type { ReactElement } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useAppStore } from '../state/store';
import { Formula } from './Formula';
import type { StepTable } from './seedSteps';
import { TERM_TAGS } from './terms';

/** The last step: the gradient w_bar passes back, in closed form for the distance in use. */
function GradientFormula() {
  const distance = useAppStore((state) => state.params.distance);
  const closedForm =
    distance === 'l1'
      ? {
          tex: '-\\frac{1}{T}\\,\\mathrm{Cov}_p\\!\\big(c,\\ \\mathrm{sign}(w - c)\\big)',
          text: '−(1/T) Cov_p(c, sign(w − c))',
        }
      : { tex: '\\frac{2}{T}\\,\\mathrm{Var}_p(c)', text: '(2/T) Var_p(c)' };
  return (
    <Formula
      display
      tex={`\\frac{\\partial \\bar w}{\\partial w} = \\frac{\\partial w_{\\mathrm{soft}}}{\\partial w} = ${closedForm.tex}, \\qquad \\frac{\\partial\\, \\mathrm{round}(\\bar w)}{\\partial w} = 0`}
      text={`d w_bar/dw = d w_soft/dw = ${closedForm.text}; d round(w_bar)/dw = 0`}
    />
  );
}

/** Each step's formula, shown below its text (`teach:steps.<table>.text`). */
const STEP_FORMULA: Record<StepTable, ReactElement> = {
  centers: <Formula display tex="c = (-2,\ -1,\ 0,\ 1,\ 2)" text="c = (−2, −1, 0, 1, 2)" />,
  differences: <Formula display tex="d_{ij} = |w_i - c_j|" text="d_ij = |w_i − c_j|" />,
  hard: <Formula display tex="w_{\mathrm{hard},i} = c_{\arg\min_j d_{ij}}" text="w_hard,i = c[argmin_j d_ij]" />,
  assignments: (
    <Formula
      display
      tex="p_{ij} = \frac{e^{-d_{ij}/T}}{\sum_k e^{-d_{ik}/T}}"
      text="p_ij = exp(−d_ij / T) / Σ_k exp(−d_ik / T)"
    />
  ),
  soft: <Formula display tex="w_{\mathrm{soft},i} = \sum_j p_{ij}\, c_j" text="w_soft,i = Σ_j p_ij c_j" />,
  bar: (
    <Formula
      display
      tex="\bar w = w_{\mathrm{soft}} + \mathrm{sg}(w_{\mathrm{hard}} - w_{\mathrm{soft}}) = w_{\mathrm{hard}}"
      text="w_bar = w_soft + sg(w_hard − w_soft) = w_hard"
    />
  ),
  gradient: <GradientFormula />,
};

/** The links a step's text may hold: to the round pitfall and to the training demo. */
const STEP_LINKS = {
  pitfall: <a href="#pitfall" />,
  training: <a href="#training" />,
};

/** What a walkthrough step says: a few sentences and the step's formula. */
export function StepText({ table }: { table: StepTable }) {
  const { t } = useTranslation('teach');
  return (
    <div className="step-text">
      <p>
        <Trans t={t} i18nKey={`steps.${table}.text`} components={{ ...TERM_TAGS, ...STEP_LINKS }} />
      </p>
      {STEP_FORMULA[table]}
    </div>
  );
}
