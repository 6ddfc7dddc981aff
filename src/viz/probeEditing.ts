import { MAX_PROBES } from '../state/params';

/** A probe position rounded to a tidy number of decimals for the axis width (about 1/1000 of it). */
export function roundToAxis(w: number, axisWidth: number): number {
  const decimals = Math.max(0, Math.min(12, 3 - Math.floor(Math.log10(axisWidth))));
  return Number(w.toFixed(decimals));
}

export function clampTo(value: number, [min, max]: readonly [number, number]): number {
  return Math.min(max, Math.max(min, value));
}

/** The probe list with probe `index` moved to w. */
export function moveProbe(probes: readonly number[], index: number, w: number): number[] {
  return probes.map((value, i) => (i === index ? w : value));
}

/** The probe list with a new probe at w, or unchanged when the list is full. */
export function addProbe(probes: readonly number[], w: number): number[] {
  return probes.length >= MAX_PROBES ? [...probes] : [...probes, w];
}

/** The probe list without probe `index`; the last probe is kept. */
export function removeProbe(probes: readonly number[], index: number): number[] {
  return probes.length <= 1 ? [...probes] : probes.filter((_, i) => i !== index);
}
