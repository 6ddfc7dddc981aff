/** Up to 7 significant digits, as the seed's printout shows float32 values; no trailing zeros. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const text = value.toPrecision(7);
  if (text.includes('e')) return text.replace(/\.?0+e/, 'e');
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** A temperature as a person reads it: 4 significant digits. */
export function formatTemperature(value: number): string {
  return String(Number(value.toPrecision(4)));
}
