import { Formula } from './Formula';

/** Why the STE lets the encoder learn and the hard quantizer does not, next to the learned codec. */
export function LearnedExplain() {
  return (
    <div className="lab-explain learned-explain" data-testid="learned-explain">
      <p>
        <strong>Why the STE learns and the hard quantizer does not.</strong> The loss reaches the encoder only through
        the quantizer:{' '}
        <Formula
          tex="\partial L / \partial z = \partial L / \partial \hat z \cdot \partial \hat z / \partial z"
          text="∂L/∂z = ∂L/∂ẑ · ∂ẑ/∂z"
        />
        . The hard quantizer <Formula tex="\hat z = c[\arg\min_j d(z, c_j)]" text="ẑ = c[argmin_j d(z, c_j)]" /> is a
        staircase: a small change of <var>z</var> leaves <Formula tex="\hat z" text="ẑ" /> where it was, so{' '}
        <Formula tex="\partial \hat z / \partial z = 0" text="∂ẑ/∂z = 0" /> wherever it exists, and every weight of the
        encoder gets exactly zero. The decoder sits after the quantizer, so it still learns to make the best of whatever
        symbols arrive; the encoder never changes. The straight-through estimator keeps the hard value going forward, so
        the decoder and the rate see the real symbols, but going back it uses the soft quantizer’s gradient{' '}
        <Formula tex="\partial \tilde z / \partial z" text="∂z̃/∂z" />, which is not zero: the encoder learns to place
        its latents where the symbols carry what the decoder needs at the rate λ allows. Switch the estimator to{' '}
        <em>hard</em> or <em>seed (round)</em> above and watch: the loss still falls, because the decoder adapts, but
        the encoder’s weights stay bit for bit what they were.
      </p>
    </div>
  );
}
