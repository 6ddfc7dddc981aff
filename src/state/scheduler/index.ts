/**
 * The scheduler: the one place that starts timers for the app's work. Recurring tfjs work runs as
 * jobs (jobs.ts), a run that restarts on a changed setup is watched by watchSetup (setupWatch.ts),
 * and every other delay, idle callback, wait or retry belongs to a Timers owner (timers.ts) that
 * whoever created it stops. docs/architecture.md, "Who owns time".
 */
export { IDLE_MS, startJobs, type Job } from './jobs';
export { retryDelay } from './retry';
export { SETUP_PAUSE_MS, watchSetup, type SetupWatch } from './setupWatch';
export { Timers, type Cancel } from './timers';
