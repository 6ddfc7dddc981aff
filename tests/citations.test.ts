import { describe, expect, it } from 'vitest';
import { citationParts } from '../src/teach/citations';

const cited = (text: string) => citationParts(text).flatMap((part) => (part.cites ? [[part.text, part.cites]] : []));

describe('citations in the running text link to the references', () => {
  it('finds each cited work as the English text writes it', () => {
    expect(cited('Identity STE (Bengio et al. 2013; Theis et al. 2017)')).toEqual([
      ['Bengio et al. 2013', 'bengio2013'],
      ['Theis et al. 2017', 'theis2017'],
    ]);
    expect(cited('Soft rounding (Agustsson and Theis 2020)')).toEqual([['Agustsson and Theis 2020', 'agustsson2020']]);
    expect(cited('Additive uniform noise (Ballé et al. 2017)')).toEqual([['Ballé et al. 2017', 'balle2017']]);
    expect(cited('In Agustsson et al. 2019 the symbols are C channels')).toEqual([
      ['Agustsson et al. 2019', 'agustsson2019'],
    ]);
  });

  it('and as the Chinese text writes it', () => {
    expect(cited('恒等 STE（Bengio 等，2013；Theis 等，2017）')).toEqual([
      ['Bengio 等，2013', 'bengio2013'],
      ['Theis 等，2017', 'theis2017'],
    ]);
    expect(cited('软取整（Agustsson 与 Theis，2020）')).toEqual([['Agustsson 与 Theis，2020', 'agustsson2020']]);
    expect(cited('在 Agustsson 等 2019 中')).toEqual([['Agustsson 等 2019', 'agustsson2019']]);
  });

  it('keeps every character, in order, and leaves a year that is not a reference alone', () => {
    const text = 'Forward (Mentzer et al. 2018), not Mentzer et al. 2016 nor Bengio 2014.';
    expect(
      citationParts(text)
        .map((part) => part.text)
        .join(''),
    ).toBe(text);
    expect(cited(text)).toEqual([['Mentzer et al. 2018', 'mentzer2018']]);
    expect(citationParts('plain quantization')).toEqual([{ text: 'plain quantization' }]);
    expect(citationParts('')).toEqual([{ text: '' }]);
  });
});
