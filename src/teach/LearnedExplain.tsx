import { Trans, useTranslation } from 'react-i18next';
import { Formula } from './Formula';

/** Why the STE lets the encoder learn and the hard quantizer does not, next to the learned codec. */
export function LearnedExplain() {
  const { t } = useTranslation('lab');
  return (
    <div className="lab-explain learned-explain" data-testid="learned-explain">
      <p>
        <Trans
          t={t}
          i18nKey="learnedWhy.text"
          components={{
            b: <strong />,
            v: <var />,
            e: <em />,
            f1: (
              <Formula
                tex="\partial L / \partial z = \partial L / \partial \hat z \cdot \partial \hat z / \partial z"
                text="∂L/∂z = ∂L/∂ẑ · ∂ẑ/∂z"
              />
            ),
            f2: <Formula tex="\hat z = c[\arg\min_j d(z, c_j)]" text="ẑ = c[argmin_j d(z, c_j)]" />,
            f3: <Formula tex="\hat z" text="ẑ" />,
            f4: <Formula tex="\partial \hat z / \partial z = 0" text="∂ẑ/∂z = 0" />,
            f5: <Formula tex="\partial \tilde z / \partial z" text="∂z̃/∂z" />,
          }}
        />
      </p>
    </div>
  );
}
