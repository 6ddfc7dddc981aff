import fc from 'fast-check';
import { englishMessage } from '../src/i18n/messageText';
import { describe, expect, it } from 'vitest';
import type { Lesson } from '../src/state/lesson';
import type { Params } from '../src/state/params';
import { readUrl, writeQuery } from '../src/state/url';

/** The rules a view must satisfy, written out here independently of the parsers. */
function expectValid(params: Params): void {
  const inRange = (value: number, min: number, max: number) => Number.isFinite(value) && value >= min && value <= max;
  expect(inRange(params.temperature, 1e-3, 1e3), `temperature ${params.temperature}`).toBe(true);
  expect(
    Number.isInteger(params.centerCount) && inRange(params.centerCount, 2, 64),
    `centers ${params.centerCount}`,
  ).toBe(true);
  expect(inRange(params.spacing, 0.01, 100), `spacing ${params.spacing}`).toBe(true);
  expect(['l1', 'l2']).toContain(params.distance);
  expect(params.probes.length >= 1 && params.probes.length <= 64, `probes ${params.probes.length}`).toBe(true);
  for (const w of params.probes) expect(inRange(w, -1e6, 1e6), `probe ${w}`).toBe(true);
  const [min, max] = params.range;
  expect(inRange(min, -1e6, 1e6) && inRange(max, -1e6, 1e6) && max - min >= 1e-6, `range ${min},${max}`).toBe(true);
  expect(Number.isInteger(params.samples) && inRange(params.samples, 16, 1_048_576), `samples ${params.samples}`).toBe(
    true,
  );
  expect(inRange(params.target, -1e6, 1e6), `target ${params.target}`).toBe(true);
}

/** The lesson's rules, written out independently of its parsers. */
function expectValidLesson(lesson: Lesson): void {
  const inRange = (value: number, min: number, max: number) => Number.isFinite(value) && value >= min && value <= max;
  expect(Number.isInteger(lesson.step) && inRange(lesson.step, 0, 7), `step ${lesson.step}`).toBe(true);
  expect(['both', 'written', 'corrected']).toContain(lesson.seedline);
  expect(inRange(lesson.alpha, 0.05, 50), `alpha ${lesson.alpha}`).toBe(true);
  expect(['soft', 'ste', 'hard', 'seedRound', 'identity']).toContain(lesson.estimator);
  expect(inRange(lesson.lambda, 0, 10), `lambda ${lesson.lambda}`).toBe(true);
  expect(inRange(lesson.learningRate, 1e-4, 10), `lr ${lesson.learningRate}`).toBe(true);
  expect(['normal', 'uniform', 'laplace', 'bimodal']).toContain(lesson.data);
  expect(Number.isInteger(lesson.seed) && inRange(lesson.seed, 0, 2 ** 31 - 1), `seed ${lesson.seed}`).toBe(true);
  expect(['constant', 'anneal']).toContain(lesson.schedule);
  expect(typeof lesson.learnCenters).toBe('boolean');
  expect(['astronaut', 'chelsea', 'coffee']).toContain(lesson.image);
  expect(['pixels', 'dct', 'learned']).toContain(lesson.transform);
  expect(inRange(lesson.dctStep, 0.1, 256), `dctstep ${lesson.dctStep}`).toBe(true);
  expect(['rgb', 'ycbcr', 'ycbcr420']).toContain(lesson.dctColour);
  expect(inRange(lesson.labZoom, 0.1, 256), `zoom ${lesson.labZoom}`).toBe(true);
  for (const value of [lesson.labFocusX, lesson.labFocusY, lesson.labSwipe]) expect(inRange(value, 0, 1)).toBe(true);
  expect(['auto', 'en', 'zh']).toContain(lesson.lang);
  expect(inRange(lesson.learnedLambda, 0, 0.1), `llambda ${lesson.learnedLambda}`).toBe(true);
  expect(Number.isInteger(lesson.learnedChannels) && inRange(lesson.learnedChannels, 1, 32)).toBe(true);
  expect(['soft', 'ste', 'hard', 'seedRound', 'identity', 'noise']).toContain(lesson.learnedEstimator);
  expect(Number.isInteger(lesson.learnedSeed) && inRange(lesson.learnedSeed, 0, 2 ** 31 - 1)).toBe(true);
  expect(typeof lesson.learnedAnneal).toBe('boolean');
  expect(['block', 'conv']).toContain(lesson.learnedModel);
  expect(Number.isInteger(lesson.learnedSteps) && inRange(lesson.learnedSteps, 1, 20_000)).toBe(true);
}

const LESSON_KEYS = [
  'step',
  'seedline',
  'alpha',
  'estimator',
  'lambda',
  'lr',
  'data',
  'seed',
  'schedule',
  'learncenters',
  'image',
  'transform',
  'dctstep',
  'dctcolour',
  'zoom',
  'focusx',
  'focusy',
  'swipe',
  'lang',
  'llambda',
  'channels',
  'lestimator',
  'lseed',
  'lanneal',
  'lsteps',
  'lmodel',
];
const NAMES = [
  'temperature',
  'centers',
  'spacing',
  'distance',
  'probes',
  'range',
  'samples',
  'target',
  'backend',
  'v',
  ...LESSON_KEYS,
];
const NASTY = [
  '',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e400',
  '-1e400',
  '1e-400',
  '-0',
  '0x10',
  '1_000',
  ' 1 ',
  ',,,',
  '1,2,3',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'l3',
  'webgl',
  '%',
  '%E0%A4%A',
  '💥',
  '\u0000',
  'constructor',
  '__proto__',
];
const value = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.double().map(String),
  fc.integer().map(String),
  fc.array(fc.double(), { maxLength: 80 }).map((values) => values.join(',')),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ maxLength: 3000 }),
);
const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...NAMES) }, fc.string({ maxLength: 12 }));
const encoded = (text: string, encode: boolean) => (encode ? encodeURIComponent(text) : text);
const query = fc.oneof(
  fc
    .array(fc.tuple(key, value, fc.boolean()), { maxLength: 12 })
    .map((pairs) => `?${pairs.map(([k, v, e]) => `${encoded(k, e)}=${encoded(v, e)}`).join('&')}`),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

const zeroless = (v: number) => v + 0; // a view has no -0: it prints and reads back as 0
const validParams: fc.Arbitrary<Params> = fc.record({
  temperature: fc.double({ min: 1e-3, max: 1e3, noNaN: true }).map(zeroless),
  centerCount: fc.integer({ min: 2, max: 64 }),
  spacing: fc.double({ min: 0.01, max: 100, noNaN: true }),
  distance: fc.constantFrom('l1' as const, 'l2' as const),
  probes: fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }).map(zeroless), { minLength: 1, maxLength: 64 }),
  range: fc
    .tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }))
    .filter(([a, b]) => Math.abs(a - b) >= 1e-6)
    .map(([a, b]): [number, number] => [zeroless(Math.min(a, b)), zeroless(Math.max(a, b))]),
  samples: fc.integer({ min: 16, max: 1_048_576 }),
  target: fc.double({ min: -1e6, max: 1e6, noNaN: true }).map(zeroless),
});
const validLesson: fc.Arbitrary<Lesson> = fc.record({
  step: fc.integer({ min: 0, max: 7 }),
  seedline: fc.constantFrom('both' as const, 'written' as const, 'corrected' as const),
  alpha: fc.double({ min: 0.05, max: 50, noNaN: true }),
  estimator: fc.constantFrom(
    'soft' as const,
    'ste' as const,
    'hard' as const,
    'seedRound' as const,
    'identity' as const,
  ),
  lambda: fc.double({ min: 0, max: 10, noNaN: true }).map(zeroless),
  learningRate: fc.double({ min: 1e-4, max: 10, noNaN: true }),
  data: fc.constantFrom('normal' as const, 'uniform' as const, 'laplace' as const, 'bimodal' as const),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  schedule: fc.constantFrom('constant' as const, 'anneal' as const),
  learnCenters: fc.boolean(),
  image: fc.constantFrom('astronaut' as const, 'chelsea' as const, 'coffee' as const),
  transform: fc.constantFrom('pixels' as const, 'dct' as const, 'learned' as const, 'codec' as const),
  dctStep: fc.double({ min: 0.1, max: 256, noNaN: true }),
  dctColour: fc.constantFrom('rgb' as const, 'ycbcr' as const, 'ycbcr420' as const),
  labZoom: fc.double({ min: 0.1, max: 256, noNaN: true }),
  labFocusX: fc.double({ min: 0, max: 1, noNaN: true }).map(zeroless),
  labFocusY: fc.double({ min: 0, max: 1, noNaN: true }).map(zeroless),
  labSwipe: fc.double({ min: 0, max: 1, noNaN: true }).map(zeroless),
  lang: fc.constantFrom('auto' as const, 'en' as const, 'zh' as const),
  learnedLambda: fc.double({ min: 0, max: 0.1, noNaN: true }).map(zeroless),
  learnedChannels: fc.integer({ min: 1, max: 32 }),
  learnedEstimator: fc.constantFrom(
    'soft' as const,
    'ste' as const,
    'hard' as const,
    'seedRound' as const,
    'identity' as const,
    'noise' as const,
  ),
  learnedSeed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  learnedAnneal: fc.boolean(),
  learnedModel: fc.constantFrom('block' as const, 'conv' as const),
  learnedSteps: fc.integer({ min: 1, max: 20_000 }),
  codecBpp: fc.double({ min: 0.05, max: 2, noNaN: true }),
  codecSteps: fc.integer({ min: 1, max: 2000 }),
  codecEstimator: fc.constantFrom(
    'soft' as const,
    'ste' as const,
    'hard' as const,
    'seedRound' as const,
    'identity' as const,
  ),
});

describe('URL codec, property-based', () => {
  it('never throws on 10,000 random and adversarial query strings, and always yields a valid view', () => {
    fc.assert(
      fc.property(query, (search) => {
        const view = readUrl(search);
        expectValid(view.params);
        expectValidLesson(view.lesson);
        expect([null, 'webgl', 'wasm', 'cpu']).toContain(view.backend);
        for (const notice of view.notices) expect(typeof englishMessage(notice)).toBe('string');
      }),
      { numRuns: 10_000 },
    );
  });

  it('format-then-parse returns every valid view exactly, with no notice (10,000 views)', () => {
    fc.assert(
      fc.property(
        validParams,
        fc.constantFrom(null, 'webgl' as const, 'wasm' as const, 'cpu' as const),
        validLesson,
        (params, backend, lesson) => {
          const view = readUrl(writeQuery(params, backend, lesson));
          expect(view.notices).toEqual([]);
          expect(view.params).toEqual(params);
          expect(view.lesson).toEqual(lesson);
          expect(view.backend).toBe(backend);
        },
      ),
      { numRuns: 10_000 },
    );
  });
});

describe('URL writing', () => {
  it('writes v=1 and only what differs from the defaults, with readable names', () => {
    const defaults = readUrl('').params;
    expect(writeQuery(defaults)).toBe('?v=1');
    expect(writeQuery({ ...defaults, temperature: 0.05, probes: [-1, 0.5] }, 'cpu')).toBe(
      '?v=1&temperature=0.05&probes=-1,0.5&backend=cpu',
    );
    expect(writeQuery({ ...defaults, range: [-2, 2.5], distance: 'l2' })).toBe('?v=1&distance=l2&range=-2,2.5');
  });
  it('writes the lesson fields after the params, only where they differ from the defaults', () => {
    const { params, lesson } = readUrl('');
    expect(writeQuery(params, null, lesson)).toBe('?v=1');
    expect(
      writeQuery(params, null, { ...lesson, step: 4, seedline: 'written', estimator: 'seedRound', learnCenters: true }),
    ).toBe('?v=1&step=4&seedline=written&estimator=seedRound&learncenters=1');
    const read = readUrl('?step=99&seedline=maybe&estimator=SEEDROUND&alpha=0&learncenters=yes');
    expect(read.lesson.step).toBe(7);
    expect(read.lesson.seedline).toBe('both');
    expect(read.lesson.estimator).toBe('seedRound');
    expect(read.lesson.alpha).toBe(0.05);
    expect(read.notices.map(englishMessage)).toEqual([
      'step must be an integer in [0, 7]; used 7',
      'seedline must be one of both, written, corrected; used both',
      'alpha must be in [0.05, 50]; used 0.05',
      'learncenters must be 1 or 0; used 0',
    ]);
  });
  it('names an unknown schema version and unknown keys in notices', () => {
    const view = readUrl('?v=2&temperature=2&utm_source=x&foo=1');
    expect(view.params.temperature).toBe(2);
    const notices = view.notices.map(englishMessage);
    expect(notices).toContain('this link names schema version "2"; read it as version 1');
    expect(notices).toContain('ignored unknown parameters "utm_source", "foo"');
    expect(readUrl('?utm_source=x').notices.map(englishMessage)).toEqual(['ignored unknown parameter "utm_source"']);
  });
});
