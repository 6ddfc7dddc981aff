import { describe, expect, it } from 'vitest';
import { i18n, setLanguage } from '../src/i18n/i18n';
import { formatNumber } from '../src/i18n/intl';
import { browserLanguage, resolveLanguage } from '../src/i18n/languages';
import { EN_RESOURCES, NAMESPACES } from '../src/i18n/namespaces';
import { ZH_RESOURCES } from '../src/i18n/locales/zh/index';
import { translateMessage } from '../src/i18n/messageText';
import { imageLabel } from '../src/state/labState';

type Messages = { [key: string]: string | Messages };

/** Every message of a namespace by its dotted key. */
function flatten(messages: Messages, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [inner, text] of flatten(value, path)) out.set(inner, text);
  }
  return out;
}

/** What a translation must keep: its `{{placeholders}}` and its component tags (`<f1/>`, `<0>`). */
function slots(text: string): string[] {
  const placeholders = [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => `{{${m[1]}}}`);
  const tags = [...text.matchAll(/<\/?([\w-]+)\s*\/?>/g)].map((m) => m[0].replace(/\s+/g, ''));
  return [...placeholders, ...tags].sort();
}

const LANGUAGES = { en: EN_RESOURCES, zh: ZH_RESOURCES } as Record<string, Record<string, Messages>>;

describe('the messages', () => {
  it('has the same namespaces in every language', () => {
    for (const resources of Object.values(LANGUAGES))
      expect(Object.keys(resources).sort()).toEqual([...NAMESPACES].sort());
  });
  for (const namespace of NAMESPACES) {
    it(`${namespace}: every key in both languages, none empty, with the same placeholders and tags`, () => {
      const en = flatten(LANGUAGES.en![namespace]!);
      const zh = flatten(LANGUAGES.zh![namespace]!);
      expect([...zh.keys()].sort(), 'keys missing in zh (or only in zh)').toEqual([...en.keys()].sort());
      for (const [key, english] of en) {
        const chinese = zh.get(key) ?? '';
        expect(english.trim(), `en ${key}`).not.toBe('');
        expect(chinese.trim(), `zh ${key}`).not.toBe('');
        expect(slots(chinese), `zh ${key} keeps the slots of "${english}"`).toEqual(slots(english));
      }
    });
    it(`${namespace}: no message holds TeX or message syntax that could read it`, () => {
      for (const lang of Object.keys(LANGUAGES)) {
        for (const [key, text] of flatten(LANGUAGES[lang]![namespace]!)) {
          // formulas are components (<f1/>), never TeX inside prose
          expect(text, `${lang} ${namespace}:${key}`).not.toMatch(/\\[a-zA-Z]+|\$|\$t\(/);
        }
      }
    });
  }
  it('the Chinese is Chinese: most messages hold CJK characters', () => {
    for (const namespace of NAMESPACES) {
      const zh = [...flatten(LANGUAGES.zh![namespace]!).values()];
      const cjk = zh.filter((text) => /[\u4e00-\u9fff]/.test(text)).length;
      expect(cjk / zh.length, namespace).toBeGreaterThan(0.6);
    }
  });
});

describe('which language', () => {
  it('follows the link, else the first browser language the page speaks, else English', () => {
    expect(resolveLanguage('zh', ['en-US'])).toBe('zh');
    expect(resolveLanguage('en', ['zh-CN'])).toBe('en');
    expect(resolveLanguage('auto', ['zh-TW', 'en'])).toBe('zh');
    expect(resolveLanguage('auto', ['fr-FR', 'zh-CN'])).toBe('zh');
    expect(resolveLanguage('auto', ['fr-FR', 'de'])).toBe('en');
    expect(browserLanguage([])).toBe('en');
    expect(browserLanguage(['EN-gb', 'zh'])).toBe('en');
  });
  it('loads Chinese on demand, and formats numbers with Intl', async () => {
    expect(i18n.t('meta.title')).toBe(EN_RESOURCES.common.meta.title);
    await setLanguage('zh');
    expect(i18n.t('meta.title')).toBe(ZH_RESOURCES.common.meta.title);
    expect(i18n.t('language.switchTo', { name: '中文' })).toBe('语言：中文');
    expect(formatNumber(12345.5)).toBe('12,345.5');
    await setLanguage('en');
    expect(i18n.t('meta.title')).toBe('Quantization Playground');
  });
});

describe('an image without a name (a pasted blob)', () => {
  it('is named by a message, so the name follows the language; a file keeps its own, quoted where asked', async () => {
    await setLanguage('en');
    expect(translateMessage(imageLabel(''))).toBe('pasted image');
    await setLanguage('zh');
    expect(translateMessage(imageLabel(''))).toBe('粘贴的图像');
    await setLanguage('en');
    expect(imageLabel('holiday.jpg')).toBe('holiday.jpg');
    expect(imageLabel('holiday.jpg', true)).toBe('"holiday.jpg"');
    expect(imageLabel('x'.repeat(100), true)).toBe(JSON.stringify('x'.repeat(60)));
  });
});
