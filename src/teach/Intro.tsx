import { Trans, useTranslation } from 'react-i18next';
import { Formula } from './Formula';
import { TERM_TAGS } from './terms';

/** What the page shows, in a few sentences, with the quantizer's formulas. */
export function Intro() {
  const { t } = useTranslation('teach');
  return (
    <section className="card intro" aria-label={t('intro.aria')} id="intro">
      <h2>{t('intro.title')}</h2>
      <p>
        <Trans
          t={t}
          i18nKey="intro.quantizer"
          components={{
            ...TERM_TAGS,
            f1: <Formula tex="c_1,\dots,c_L" text="c_1 … c_L" />,
            f2: <Formula tex="w_{\mathrm{hard}} = c_{\arg\min_j d(w, c_j)}" text="w_hard = c[argmin_j d(w, c_j)]" />,
            f3: (
              <Formula
                tex="p(c_j \mid w) = \operatorname{softmax}_j\!\big(-d(w, c_j)/T\big)"
                text="p(c_j | w) = softmax_j(−d(w, c_j) / T)"
              />
            ),
            f4: <Formula tex="w_{\mathrm{soft}} = \sum_j p(c_j \mid w)\,c_j" text="w_soft = Σ_j p(c_j | w) c_j" />,
          }}
        />
      </p>
      <p>
        <Trans
          t={t}
          i18nKey="intro.ste"
          components={{
            ...TERM_TAGS,
            f1: (
              <Formula
                tex="\bar w = w_{\mathrm{soft}} + \mathrm{sg}(w_{\mathrm{hard}} - w_{\mathrm{soft}})"
                text="w_bar = w_soft + sg(w_hard − w_soft)"
              />
            ),
          }}
        />
      </p>
    </section>
  );
}
