/** The web app's message catalogues: the same keys in Vietnamese and English, no empty text, the same placeholders. */
import { describe, expect, it } from 'vitest';
import { vi } from '../../web/src/i18n/vi';
import { en } from '../../web/src/i18n/en';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues (web/src/i18n)', () => {
  it('vi.ts and en.ts have exactly the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });

  it('no message is empty', () => {
    for (const [lang, cat] of Object.entries({ vi, en })) {
      for (const [k, v] of Object.entries(cat)) expect(v.trim(), `${lang} ${k}`).not.toBe('');
    }
  });

  it('each message has the same {placeholders} in both languages', () => {
    for (const k of Object.keys(vi) as (keyof typeof vi)[]) expect(placeholders(en[k]), k).toEqual(placeholders(vi[k]));
  });

  it('the Vietnamese catalogue is written in NFC (precomposed) form', () => {
    for (const [k, v] of Object.entries(vi)) expect(v, k).toBe(v.normalize('NFC'));
  });
});
