import { describe, expect, it } from 'vitest';
import { i18n } from './index.js';
import { PART, splitAround } from './splitAround.js';

describe('an element inside a translation', () => {
  it('splits the text around the element wherever the language puts it', () => {
    expect(splitAround(i18n.t('link.shownAs', { text: PART, lng: 'en' }))).toEqual(['The message shows it as “', '”.']);
    expect(splitAround(i18n.t('link.shownAs', { text: PART, lng: 'de' }))).toEqual(['Die Nachricht zeigt ihn als „', '“.']);
  });

  it('keeps a text without the element whole', () => {
    expect(splitAround('No part here')).toEqual(['No part here', '']);
  });
});
