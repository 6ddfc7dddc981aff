/**
 * The λ sweep of the learned codec: which λ values it trains, when a run's point is on screen,
 * and the curve its points make. The loop (learnedLoop.ts) runs each λ and starts the next one.
 */
import { sweepLambdas } from '../image/learned/plan';
import { fieldOf } from './fields';
import type { LearnedRun } from './learnedState';
import type { Lesson } from './lesson';
import { useAppStore, type AppState } from './store';

function setLearned(changes: Partial<LearnedRun>): void {
  useAppStore.getState().updateLearned(changes);
}

/** A new sweep over sweepLambdas(λ): its first λ playing, an empty curve. */
export function sweepStart(lesson: Pick<Lesson, 'learnedLambda'>): Partial<LearnedRun> {
  const lambdas = sweepLambdas(lesson.learnedLambda, fieldOf('learnedLambda').rule?.max);
  return { sweep: { lambdas, index: 0 }, curve: [], playing: true };
}

/**
 * Resolves once the press of the run that `isCurrent` names, at `step`, is the lab's evaluation
 * (true), or when it never will be (false: an error, a new session, the sweep stopped). A press
 * made off the thread lands later; the sweep must not start its next λ before its point is there.
 */
export function whenShown(isCurrent: () => boolean, step: number): Promise<boolean> {
  const outcome = (state: AppState): boolean | null => {
    const { learned } = state;
    if (!isCurrent() || !learned.sweep || learned.error !== null) return false;
    const evaluation = learned.evaluation;
    return evaluation && evaluation.steps === step && evaluation.lambda === learned.lambda ? true : null;
  };
  return new Promise((resolve) => {
    const now = outcome(useAppStore.getState());
    if (now !== null) {
      resolve(now);
      return;
    }
    const unsubscribe = useAppStore.subscribe((state) => {
      const later = outcome(state);
      if (later === null) return;
      unsubscribe();
      resolve(later);
    });
  });
}

/**
 * A sweep's run ended: its point joins the curve (none when it failed), and the sweep moves to
 * its next λ or ends. Returns true when a next λ is to be trained (the caller starts it afresh).
 */
export function sweepRunEnded(failed: boolean): boolean {
  const { learned } = useAppStore.getState();
  const sweep = learned.sweep;
  if (!sweep) return false;
  const evaluation = learned.evaluation;
  const point =
    !failed && evaluation && evaluation.psnr !== null
      ? [
          {
            lambda: evaluation.lambda,
            bpp: evaluation.fileBpp ?? evaluation.bpp,
            estimateBpp: evaluation.bpp,
            psnr: evaluation.psnr,
          },
        ]
      : [];
  const curve = [...learned.curve.filter((p) => p.lambda !== evaluation?.lambda), ...point];
  const index = sweep.index + 1;
  if (index >= sweep.lambdas.length) {
    setLearned({ curve, sweep: null, playing: false });
    return false;
  }
  setLearned({ curve, sweep: { ...sweep, index }, playing: true });
  return true;
}
