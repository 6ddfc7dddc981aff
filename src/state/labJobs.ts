import { codecTrainJob } from './codecLoop';
import { codecJob, curvesJob, labImageJob, labJob } from './imageLab';
import { learnedJob, startLearnedSetupWatch } from './learnedLoop';
import { qualityJob } from './labQuality';
import { startJobs } from './scheduler';

/**
 * The image lab's and the learned codec's jobs, started together. The composition root loads
 * this module once the first view is drawn (or the lab is on screen, as in an embed of it), so the
 * first view fetches none of the lab's code.
 */
export function startLabJobs(): void {
  startJobs([labImageJob, labJob, codecJob, curvesJob, learnedJob, codecTrainJob(), qualityJob]);
  startLearnedSetupWatch();
}
