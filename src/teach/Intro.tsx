import { Formula } from './Formula';
import { Term } from './Term';

/** What the page shows, in a few sentences, with the quantizer's formulas. */
export function Intro() {
  return (
    <section className="card intro" aria-label="What this is">
      <h2>Soft-to-hard quantization in four lines</h2>
      <p>
        A quantizer maps each value <var>w</var> to one of <var>L</var> <Term mark="centers">centers</Term>{' '}
        <Formula tex="c_1,\dots,c_L" text="c_1 … c_L" />. The <Term mark="hard">hard choice</Term>{' '}
        <Formula tex="w_{\mathrm{hard}} = c_{\arg\min_j d(w, c_j)}" text="w_hard = c[argmin_j d(w, c_j)]" /> has no
        useful gradient. Its soft relaxation weights every center by a{' '}
        <Term mark="assignments">softmax over distances</Term>{' '}
        <Formula
          tex="p(c_j \mid w) = \operatorname{softmax}_j\!\big(-d(w, c_j)/T\big)"
          text="p(c_j | w) = softmax_j(−d(w, c_j) / T)"
        />{' '}
        and takes <Term mark="soft">the weighted mean</Term>{' '}
        <Formula tex="w_{\mathrm{soft}} = \sum_j p(c_j \mid w)\,c_j" text="w_soft = Σ_j p(c_j | w) c_j" />: at low
        temperature <var>T</var> it is nearly hard, at high <var>T</var> nearly the mean of the centers.
      </p>
      <p>
        The <Term mark="bar">straight-through estimator</Term> keeps both:{' '}
        <Formula
          tex="\bar w = w_{\mathrm{soft}} + \mathrm{sg}(w_{\mathrm{hard}} - w_{\mathrm{soft}})"
          text="w_bar = w_soft + sg(w_hard − w_soft)"
        />{' '}
        (sg is <span className="mono">stop_gradient</span>) is <em>w_hard</em> going forward and passes{' '}
        <Term mark="gradient">w_soft’s gradient</Term> back. The seed code wraps that line in{' '}
        <Term mark="seedRound">tf.round</Term>, whose gradient is zero: see the pitfall below.
      </p>
    </section>
  );
}
