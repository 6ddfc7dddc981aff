/** What the page shows, in a few sentences, with the quantizer's formulas. */
export function Intro() {
  return (
    <section className="card intro" aria-label="What this is">
      <p>
        A quantizer maps each value <var>w</var> to one of <var>L</var> centers <var>c</var>. The hard choice,{' '}
        <span className="mono">w_hard = c[argmin d(w, c)]</span>, has no useful gradient. Its soft relaxation weights
        every center by <span className="mono">p(c | w) = softmax(−d(w, c) / T)</span> and takes{' '}
        <span className="mono">w_soft = Σ p(c | w)·c</span>: at low temperature <var>T</var> it is nearly hard, at high{' '}
        <var>T</var> nearly the mean.
      </p>
      <p>
        The straight-through estimator keeps both:{' '}
        <span className="mono">w_bar = w_soft + stop_gradient(w_hard − w_soft)</span> is <em>w_hard</em> going forward
        and passes <em>w_soft</em>’s gradient back. The seed code wraps that line in{' '}
        <span className="mono">tf.round</span>, whose gradient is zero: see the “seed (round)” column.
      </p>
    </section>
  );
}
