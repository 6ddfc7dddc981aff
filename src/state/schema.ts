import { parseDistance, parseNumber, parseProbes, parseRange, type Params, type Parsed } from './params';

/** The URL schema's version, written as `v=1`. Names and meanings of version 1 never change. */
export const SCHEMA_VERSION = 1;

/** How one parameter is read from and written to the URL. */
export interface ParamField<K extends keyof Params> {
  parse: (text: string) => Parsed<Params[K]>;
  format: (value: Params[K]) => string;
}

type NumberParam = 'temperature' | 'centers' | 'spacing' | 'samples' | 'target';

function numberField<K extends NumberParam>(name: K): ParamField<K> {
  return { parse: (text) => parseNumber(name, text), format: (value) => String(value) };
}

/**
 * Every param, in the order the URL lists them. `String(number)` is the shortest text that
 * reads back as the same double, so format-then-parse returns every valid value exactly.
 */
export const PARAM_SCHEMA: { [K in keyof Params]: ParamField<K> } = {
  temperature: numberField('temperature'),
  centers: numberField('centers'),
  spacing: numberField('spacing'),
  distance: { parse: parseDistance, format: (value) => value },
  probes: { parse: parseProbes, format: (value) => value.map(String).join(',') },
  range: { parse: parseRange, format: (value) => value.map(String).join(',') },
  samples: numberField('samples'),
  target: numberField('target'),
};

export const PARAM_NAMES = Object.keys(PARAM_SCHEMA) as Array<keyof Params>;

/** Two values of a param are the same when they format the same. */
export function sameValue<K extends keyof Params>(name: K, a: Params[K], b: Params[K]): boolean {
  const field = PARAM_SCHEMA[name];
  return field.format(a) === field.format(b);
}
