import { message, messageList, type Message } from '../i18n/message';
import type { Distance } from '../model/quantizer';

/**
 * Everything a view depends on. The link and the export name them through the field table
 * (fields.ts), so these in-memory names may say what a value is.
 */
export interface Params {
  /** T, the softmax temperature (sigma = 1 / T) */
  temperature: number;
  /** L, the number of centers (the link calls it `centers`) */
  centerCount: number;
  /** distance between neighbouring centers */
  spacing: number;
  distance: Distance;
  /** the inputs w shown in the probe table, the arrows and the curve plot's handles */
  probes: number[];
  /** [min, max] of w on every figure's x axis */
  range: [number, number];
  /** how many grid points the heatmap and the curves are computed at */
  samples: number;
  /** the toy loss's target: l = 1/2 (w_bar - target)^2 drives the gradient arrows */
  target: number;
}

/** The seed's six inputs, tf.range(-1, 2, 0.5). */
export const SEED_PROBES: readonly number[] = [-1, -0.5, 0, 0.5, 1, 1.5];
export const MAX_PROBES = 64;
/** The largest |w| a probe or the target may have. */
export const PROBE_LIMIT = 1e6;

/** The input range: both ends within +-1e6, at least 1e-6 wide. */
const RANGE_LIMITS = { bound: 1e6, minWidth: 1e-6 } as const;

/**
 * The outcome of reading one value: what was used, and a note for the person when it was adjusted
 * (a message, translated when shown; `englishMessage` gives its plain English).
 */
export interface Parsed<T> {
  value: T;
  notice: Message | null;
}

export interface NumberRule {
  min: number;
  max: number;
  integer: boolean;
}

/** Clamps a number to its rule; NaN and infinities fall back to the default. */
export function checkNumber(name: string, raw: number, rule: NumberRule, fallback: number): Parsed<number> {
  if (!Number.isFinite(raw)) {
    return { value: fallback, notice: message('app:notice.notFinite', { name, used: String(fallback) }) };
  }
  let value = rule.integer ? Math.round(raw) : raw;
  value = Math.min(rule.max, Math.max(rule.min, value)) + 0; // + 0 folds -0 into 0
  if (value === raw) return { value, notice: null };
  return {
    value,
    // numbers as the link writes them, so that they can be typed back
    notice: message(rule.integer ? 'app:notice.outOfRangeInteger' : 'app:notice.outOfRange', {
      name,
      min: String(rule.min),
      max: String(rule.max),
      used: String(value),
    }),
  };
}

// Number('') is 0 and Number('0x10') is 16: accept plain decimal notation only.
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** Reads a number in plain decimal notation; anything else is NaN. */
export function readDecimal(text: string): number {
  const trimmed = text.trim();
  return DECIMAL.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** Clamps each probe to +-1e6 and keeps at most 64; an empty list falls back to the seed's six. */
export function checkProbes(
  values: readonly number[],
  notes: Message[] = [],
  texts: readonly string[] = values.map(String),
): Parsed<number[]> {
  const kept: number[] = [];
  for (const [i, raw] of values.entries()) {
    if (!Number.isFinite(raw)) {
      notes.push(message('app:notice.probeDropped', { value: String(raw) }));
      continue;
    }
    const clamped = Math.min(PROBE_LIMIT, Math.max(-PROBE_LIMIT, raw)) + 0; // + 0 folds -0 into 0
    if (clamped !== raw) {
      notes.push(
        message('app:notice.probeClamped', { text: (texts[i] ?? String(raw)).slice(0, 20), used: String(clamped) }),
      );
    }
    kept.push(clamped);
  }
  if (kept.length > MAX_PROBES) {
    notes.push(message('app:notice.probesKept', { max: String(MAX_PROBES), total: String(kept.length) }));
    kept.length = MAX_PROBES;
  }
  if (kept.length === 0) {
    return { value: [...SEED_PROBES], notice: message('app:notice.probesFallback') };
  }
  return { value: kept, notice: notes.length ? message('app:notice.probes', { notes: messageList(notes) }) : null };
}

/**
 * Reads a comma-separated probe list. Unparsable entries are dropped, values are clamped to
 * +-1e6, and at most 64 are kept; an empty result falls back to the seed's six.
 */
export function parseProbes(text: string): Parsed<number[]> {
  const notes: Message[] = [];
  const values: number[] = [];
  const texts: string[] = [];
  for (const entry of text.split(',').map((part) => part.trim())) {
    if (entry === '') continue;
    const value = readDecimal(entry);
    if (Number.isFinite(value)) {
      values.push(value);
      texts.push(entry); // notices quote what the person typed
    } else notes.push(message('app:notice.probeDropped', { value: `"${entry.slice(0, 20)}"` }));
  }
  return checkProbes(values, notes, texts);
}

/** Orders, clamps and widens a range so the model and the scales can use it. */
export function checkRange(min: number, max: number, fallback: readonly [number, number]): Parsed<[number, number]> {
  if (!Number.isFinite(min) || !Number.isFinite(max)) {
    return {
      value: [fallback[0], fallback[1]],
      notice: message('app:notice.rangeNotFinite', { used: fallback.join(',') }),
    };
  }
  const { bound, minWidth } = RANGE_LIMITS;
  // + 0 folds -0 into 0
  let low = Math.max(-bound, Math.min(bound, Math.min(min, max))) + 0;
  let high = Math.max(-bound, Math.min(bound, Math.max(min, max))) + 0;
  if (high - low < minWidth) {
    const middle = Math.max(-bound + minWidth, Math.min(bound - minWidth, (low + high) / 2));
    // 1.5x the minimum, so that rounding never leaves the result under it (re-checking is a no-op)
    low = middle - minWidth * 0.75;
    high = middle + minWidth * 0.75;
  }
  if (low === min && high === max) return { value: [low, high], notice: null };
  return {
    value: [low, high],
    notice: message('app:notice.rangeAdjusted', {
      bound: String(bound),
      minWidth: String(minWidth),
      used: `${low},${high}`,
    }),
  };
}

/** Reads `min,max` in plain decimal notation. */
export function parseRange(text: string, fallback: readonly [number, number]): Parsed<[number, number]> {
  const parts = text.split(',').map(readDecimal);
  if (parts.length !== 2) return checkRange(Number.NaN, Number.NaN, fallback);
  return checkRange(parts[0] as number, parts[1] as number, fallback);
}

export function formatProbes(probes: readonly number[]): string {
  return probes.map((w) => String(w)).join(', ');
}
