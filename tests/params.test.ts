import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, defaultParams, FIELD_NAMES, FIELDS, fieldOf } from '../src/state/fields';
import { englishMessage } from '../src/i18n/messageText';
import {
  checkRange as checkRangeMessage,
  parseProbes as parseProbesMessage,
  SEED_PROBES,
  type Parsed,
} from '../src/state/params';

/** A parse result with its notice in plain English, as the page shows it in English. */
const inEnglish = <T>(parsed: Parsed<T>) => ({
  value: parsed.value,
  notice: parsed.notice && englishMessage(parsed.notice),
});
const parseNumber = (name: 'temperature' | 'centerCount', text: string) => inEnglish(fieldOf(name).parse(text));
const parseDistance = (text: string) => inEnglish(fieldOf('distance').parse(text));
const parseRange = (text: string) => inEnglish(fieldOf('range').parse(text));
const parseProbes = (text: string) => inEnglish(parseProbesMessage(text));
const checkRange = (...args: Parameters<typeof checkRangeMessage>) => inEnglish(checkRangeMessage(...args));
import { readUrl } from '../src/state/url';

describe('param rules', () => {
  it('accepts values in range as they are', () => {
    expect(parseNumber('temperature', '0.05')).toEqual({ value: 0.05, notice: null });
    expect(parseNumber('centerCount', '32')).toEqual({ value: 32, notice: null });
    expect(parseDistance('L2')).toEqual({ value: 'l2', notice: null });
  });
  it('clamps out-of-range numbers and says so', () => {
    expect(parseNumber('temperature', '1e9')).toEqual({
      value: 1000,
      notice: 'temperature must be in [0.001, 1000]; used 1000',
    });
    expect(parseNumber('temperature', '0')).toMatchObject({ value: 0.001 });
    expect(parseNumber('centerCount', '100')).toMatchObject({ value: 64 });
    expect(parseNumber('centerCount', '4.6')).toMatchObject({ value: 5, notice: expect.stringMatching(/integer/) });
  });
  it('replaces what does not parse with the default', () => {
    for (const text of ['', 'NaN', 'Infinity', '-Infinity', '0x10', '1,5', 'abc', '1e400']) {
      const parsed = parseNumber('temperature', text);
      expect(parsed.value, text).toBe(1);
      expect(parsed.notice, text).toMatch(/finite number; used 1/);
    }
    expect(parseDistance('l3')).toEqual({ value: 'l1', notice: 'distance must be one of l1, l2; used l1' });
  });
  it('reads probe lists with limits', () => {
    expect(parseProbes('-1, 0.5, 2')).toEqual({ value: [-1, 0.5, 2], notice: null });
    expect(parseProbes('1, x, 2e7')).toEqual({
      value: [1, 1e6],
      notice: 'probes: dropped "x", clamped 2e7 to 1000000',
    });
    const many = parseProbes(Array.from({ length: 100 }, (_, i) => String(i)).join(','));
    expect(many.value).toHaveLength(64);
    expect(many.notice).toMatch(/kept the first 64 of 100/);
    expect(parseProbes('nope')).toMatchObject({ value: [...SEED_PROBES] });
  });
});

describe('input range', () => {
  it('orders, clamps and widens ranges, and says so', () => {
    expect(parseRange('-2, 5')).toEqual({ value: [-2, 5], notice: null });
    expect(parseRange('5,-2').value).toEqual([-2, 5]);
    expect(parseRange('-1e9,1e9').value).toEqual([-1e6, 1e6]);
    const tiny = checkRange(1, 1, DEFAULT_PARAMS.range);
    expect(tiny.value[1] - tiny.value[0]).toBeCloseTo(1.5e-6, 12);
    expect(tiny.notice).toMatch(/at least 0.000001 wide/);
    expect(parseRange('a,b')).toMatchObject({ value: [-3, 3], notice: expect.stringMatching(/two finite numbers/) });
    expect(parseRange('1,2,3').value).toEqual([-3, 3]);
  });
});

describe('reading the URL', () => {
  it('gives the defaults and no notice for an empty query', () => {
    const view = readUrl('');
    expect(view.params).toEqual(defaultParams());
    expect(view.params).toMatchObject({
      temperature: 1,
      centerCount: 5,
      spacing: 1,
      distance: 'l1',
      probes: [...SEED_PROBES],
    });
    expect(view.backend).toBeNull();
    expect(view.notices).toEqual([]);
  });
  it('reads every named parameter', () => {
    const view = readUrl(
      '?temperature=0.05&centers=4&spacing=0.5&distance=l2&probes=0,1&range=-2,5&samples=64&target=-1&backend=webgl',
    );
    expect(view.params).toEqual({
      temperature: 0.05,
      centerCount: 4,
      spacing: 0.5,
      distance: 'l2',
      probes: [0, 1],
      range: [-2, 5],
      samples: 64,
      target: -1,
    });
    expect(view.notices).toEqual([]);
    expect(view.backend).toBe('webgl');
  });
  it('survives hostile values and names what it fixed', () => {
    const view = readUrl(`?temperature=<script>&temperature=2&backend=gpu&probes=${'9'.repeat(100000)}`);
    expect(view.params.temperature).toBe(1);
    expect(view.backend).toBeNull();
    // 2,000 kept digits overflow to Infinity: not a number the model can take, so the seed's six
    expect(view.params.probes).toEqual([...SEED_PROBES]);
    const notices = view.notices.map(englishMessage).join('\n');
    expect(notices).toMatch(/probes must be a comma list of numbers; used the seed's six/);
    expect(notices).toMatch(/temperature was given 2 times; used the first/);
    expect(notices).toMatch(/backend must be one of webgl, wasm, cpu; chose automatically/);
  });
});

describe('the field table', () => {
  it("gives every field a distinct link name, and keeps version 1's names", () => {
    const links = FIELD_NAMES.map((name) => FIELDS[name].link);
    expect(new Set(links).size).toBe(links.length);
    expect(links).toEqual([
      'temperature',
      'centers',
      'spacing',
      'distance',
      'probes',
      'range',
      'samples',
      'target',
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
      'cbpp',
      'cestimator',
      'csteps',
    ]);
  });
  it('puts every slider inside its rule, so a slider never contradicts its link', () => {
    for (const name of FIELD_NAMES) {
      const { rule, slider } = FIELDS[name];
      if (!slider) continue;
      expect(rule, name).toBeDefined();
      expect(slider.min, name).toBeGreaterThanOrEqual(rule?.min as number);
      expect(slider.max, name).toBeLessThanOrEqual(rule?.max as number);
      expect(slider.max > slider.min, name).toBe(true);
    }
    // the training demo's sliders reach what a link allows (they stopped at 0.5 and 1 before)
    expect(fieldOf('lambda').slider?.max).toBe(fieldOf('lambda').rule?.max);
    expect(fieldOf('learningRate').slider?.max).toBe(fieldOf('learningRate').rule?.max);
  });
  it('checks a value from a control by the same rule as a link', () => {
    expect(inEnglish(fieldOf('lambda').check(25))).toEqual({ value: 10, notice: 'lambda must be in [0, 10]; used 10' });
    expect(inEnglish(fieldOf('seed').parse('0x10'))).toEqual({
      value: 1,
      notice: 'seed must be a finite number; used 1',
    });
    expect(fieldOf('range').parse('0x10,5')).toMatchObject({ value: [-3, 3] });
    expect(fieldOf('estimator').check('bogus' as never)).toMatchObject({ value: 'ste' });
  });
});
