import { MAX_CENTERS } from '../model/centers';
import { DISTANCES, TEMPERATURE_LIMITS, type Distance } from '../model/quantizer';

/** Everything a view depends on. The names are the URL's and the export's: keep them stable. */
export interface Params {
  /** T, the softmax temperature (sigma = 1 / T) */
  temperature: number;
  /** L, the number of centers */
  centers: number;
  /** distance between neighbouring centers */
  spacing: number;
  distance: Distance;
  /** the inputs w shown in the probe table */
  probes: number[];
}

/** The seed's six inputs, tf.range(-1, 2, 0.5). */
export const SEED_PROBES: readonly number[] = [-1, -0.5, 0, 0.5, 1, 1.5];
export const MAX_PROBES = 64;
export const PROBE_LIMIT = 1e6;

export const DEFAULT_PARAMS: Readonly<Params> = {
  temperature: 1,
  centers: 5,
  spacing: 1,
  distance: 'l1',
  probes: [...SEED_PROBES],
};

/** The outcome of reading one value: what was used, and a note for the person when it was adjusted. */
export interface Parsed<T> {
  value: T;
  notice: string | null;
}

interface NumberRule {
  min: number;
  max: number;
  integer: boolean;
}

export const NUMBER_RULES = {
  temperature: { min: TEMPERATURE_LIMITS.min, max: TEMPERATURE_LIMITS.max, integer: false },
  centers: { min: 2, max: MAX_CENTERS, integer: true },
  spacing: { min: 0.01, max: 100, integer: false },
} as const satisfies Record<string, NumberRule>;

type NumberName = keyof typeof NUMBER_RULES;

/** Clamps a number to its rule; NaN and infinities fall back to the default. */
export function checkNumber(name: NumberName, raw: number): Parsed<number> {
  const rule: NumberRule = NUMBER_RULES[name];
  const fallback = DEFAULT_PARAMS[name];
  if (!Number.isFinite(raw)) return { value: fallback, notice: `${name} must be a finite number; used ${fallback}` };
  let value = rule.integer ? Math.round(raw) : raw;
  value = Math.min(rule.max, Math.max(rule.min, value));
  if (value === raw) return { value, notice: null };
  return { value, notice: `${name} must be ${rule.integer ? 'an integer ' : ''}in [${rule.min}, ${rule.max}]; used ${value}` };
}

/** Reads a number typed by a person or found in a URL. */
export function parseNumber(name: NumberName, text: string): Parsed<number> {
  const trimmed = text.trim();
  // Number('') is 0 and Number('0x10') is 16: accept plain decimal notation only.
  const raw = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed) ? Number(trimmed) : Number.NaN;
  return checkNumber(name, raw);
}

export function parseDistance(text: string): Parsed<Distance> {
  const value = text.trim().toLowerCase();
  if ((DISTANCES as readonly string[]).includes(value)) return { value: value as Distance, notice: null };
  return { value: DEFAULT_PARAMS.distance, notice: `distance must be l1 or l2; used ${DEFAULT_PARAMS.distance}` };
}

/**
 * Reads a comma-separated probe list. Unparsable entries are dropped, values are clamped to
 * +-1e6, and at most 64 are kept; an empty result falls back to the seed's six.
 */
export function parseProbes(text: string): Parsed<number[]> {
  const notes: string[] = [];
  const entries = text.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  const values: number[] = [];
  for (const entry of entries) {
    const raw = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(entry) ? Number(entry) : Number.NaN;
    if (!Number.isFinite(raw)) {
      notes.push(`dropped "${entry.slice(0, 20)}"`);
      continue;
    }
    const clamped = Math.min(PROBE_LIMIT, Math.max(-PROBE_LIMIT, raw));
    if (clamped !== raw) notes.push(`clamped ${entry.slice(0, 20)} to ${clamped}`);
    values.push(clamped);
  }
  if (values.length > MAX_PROBES) {
    notes.push(`kept the first ${MAX_PROBES} of ${values.length}`);
    values.length = MAX_PROBES;
  }
  if (values.length === 0) {
    return { value: [...SEED_PROBES], notice: `probes must be a comma list of numbers; used the seed's six` };
  }
  return { value: values, notice: notes.length ? `probes: ${notes.join(', ')}` : null };
}

export function formatProbes(probes: readonly number[]): string {
  return probes.map((w) => String(w)).join(', ');
}
