import { isBackendName, BACKENDS, type BackendName } from '../engine/backendPlan';
import { defaultParams, parseDistance, parseNumber, parseProbes, parseRange, type Params, type Parsed } from './params';

export interface UrlView {
  params: Params;
  /** a backend forced by `?backend=`, or null for the automatic choice */
  backend: BackendName | null;
  /** what was adjusted, one line per parameter */
  notices: string[];
}

// Longer values are cut before parsing: no parameter needs more, and regexes stay cheap.
const MAX_VALUE_LENGTH = 2000;

/** Reads the view from a query string. Never throws; every value goes through its rule. */
export function readUrl(search: string): UrlView {
  const query = new URLSearchParams(search);
  const params: Params = defaultParams();
  const notices: string[] = [];
  const read = <T>(name: string, parse: (text: string) => Parsed<T>, assign: (value: T) => void) => {
    const values = query.getAll(name);
    if (values.length === 0) return;
    if (values.length > 1) notices.push(`${name} was given ${values.length} times; used the first`);
    const result = parse((values[0] as string).slice(0, MAX_VALUE_LENGTH));
    assign(result.value);
    if (result.notice) notices.push(result.notice);
  };
  read(
    'temperature',
    (t) => parseNumber('temperature', t),
    (v) => (params.temperature = v),
  );
  read(
    'centers',
    (t) => parseNumber('centers', t),
    (v) => (params.centers = v),
  );
  read(
    'spacing',
    (t) => parseNumber('spacing', t),
    (v) => (params.spacing = v),
  );
  read('distance', parseDistance, (v) => (params.distance = v));
  read('probes', parseProbes, (v) => (params.probes = v));
  read('range', parseRange, (v) => (params.range = v));
  read(
    'samples',
    (t) => parseNumber('samples', t),
    (v) => (params.samples = v),
  );
  read(
    'target',
    (t) => parseNumber('target', t),
    (v) => (params.target = v),
  );
  let backend: BackendName | null = null;
  read(
    'backend',
    (text): Parsed<BackendName | null> =>
      isBackendName(text)
        ? { value: text, notice: null }
        : { value: null, notice: `backend must be one of ${BACKENDS.join(', ')}; chose automatically` },
    (v) => (backend = v),
  );
  return { params, backend, notices };
}
