import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { retryDelay, Timers } from '../src/state/scheduler';

const retryUntil = (attempt: () => Promise<boolean>) => new Timers().retry(attempt);

describe('retrying WebGL after it could not start', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('waits 2 s, then twice as long each time, never more than 30 s', () => {
    expect([0, 1, 2, 3, 4, 5, 10, 60].map(retryDelay)).toEqual([
      2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('tries on that schedule until a try succeeds, and then no more', async () => {
    const times: number[] = [];
    const start = Date.now();
    const attempt = vi.fn(() => {
      times.push(Date.now() - start);
      return Promise.resolve(times.length === 4);
    });
    retryUntil(attempt);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(times).toEqual([2000, 6000, 14_000, 30_000]);
  });

  it('a try that throws counts as failed; stop ends the tries', async () => {
    let tries = 0;
    const stop = retryUntil(() => {
      tries += 1;
      return Promise.reject(new Error('no context'));
    });
    await vi.advanceTimersByTimeAsync(6000);
    expect(tries).toBe(2);
    stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(tries).toBe(2);
  });

  it('one try at a time: the next wait starts when a slow try has finished', async () => {
    const started: number[] = [];
    const start = Date.now();
    retryUntil(() => {
      started.push(Date.now() - start);
      return new Promise((resolve) => setTimeout(() => resolve(false), 5000));
    });
    await vi.advanceTimersByTimeAsync(20_000);
    expect(started).toEqual([2000, 11_000]);
  });
});

describe('a Timers owner', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('stop ends its retries, even between tries', async () => {
    const timers = new Timers();
    let tries = 0;
    timers.retry(() => {
      tries += 1;
      return Promise.resolve(false);
    });
    await vi.advanceTimersByTimeAsync(2000);
    expect(tries).toBe(1);
    timers.stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(tries).toBe(1);
  });
});
