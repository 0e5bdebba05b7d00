import { describe, expect, it } from 'vitest';
import { initials } from './initials.js';

describe('initials', () => {
  it('takes the first letters of the first and last words', () => {
    expect(initials('Alice Liddell')).toBe('AL');
    expect(initials('alice pleasance liddell')).toBe('AL');
    expect(initials('bob')).toBe('B');
    expect(initials('  carol  ')).toBe('C');
    expect(initials('dan_the-man')).toBe('DM');
  });

  it('reads the name out of network ids', () => {
    expect(initials('@carol:example.org')).toBe('C');
    expect(initials('dave@example.org')).toBe('D');
    expect(initials('#switchboard')).toBe('S');
    expect(initials('~erin')).toBe('E');
  });

  it('keeps whole graphemes: accents, CJK, Hangul, scripts with marks', () => {
    expect(initials('e\u0301mile zola')).toBe('E\u0301Z');
    expect(initials('Élodie')).toBe('É');
    expect(initials('山田 太郎')).toBe('山太');
    expect(initials('山田太郎')).toBe('山');
    expect(initials('김민준')).toBe('김');
    expect(initials('नमस्ते दुनिया')).toBe('नदु');
  });

  it('skips emoji and hidden characters before a letter, and shows an emoji-only name as its emoji', () => {
    expect(initials('🦊 Fox')).toBe('F');
    expect(initials('\u202Eevil')).toBe('E');
    expect(initials('👨‍👩‍👧')).toBe('👨‍👩‍👧');
    expect(initials('🦊🐻')).toBe('🦊');
  });

  it('shows a question mark for an empty or blank name', () => {
    expect(initials('')).toBe('?');
    expect(initials('   ')).toBe('?');
    expect(initials('\u200B')).toBe('?');
  });
});
