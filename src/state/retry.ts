/** Waits between tries to open WebGL again after it could not: 2 s, doubling, at most 30 s. */
export function retryDelay(attempt: number): number {
  return Math.min(30_000, 2000 * 2 ** Math.max(0, attempt));
}

/**
 * Calls `attempt` after retryDelay(0), then again after each longer wait, until it resolves true
 * or `stop` is called. One try runs at a time; a try that throws counts as false.
 * @returns stop: no further tries are made (one in progress still finishes).
 */
export function retryUntil(attempt: () => Promise<boolean>, delay: (tries: number) => number = retryDelay): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = (tries: number) => {
    timer = setTimeout(() => {
      attempt().then(
        (done) => {
          if (!done && !stopped) schedule(tries + 1);
        },
        () => {
          if (!stopped) schedule(tries + 1);
        },
      );
    }, delay(tries));
  };
  schedule(0);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
