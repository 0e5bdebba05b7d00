import { describe, expect, it } from 'vitest';
import { cleanPersonName, PERSON_NAME_MAX } from './personName.js';

describe('cleanPersonName', () => {
  it('trims, removes controls and bidi overrides, and makes whitespace one space', () => {
    expect(cleanPersonName('  Bob\r\n  Smith\u0000\u202e\u0085 ')).toBe('Bob Smith');
  });

  it('keeps no name for nothing, blanks or only controls', () => {
    expect(cleanPersonName(undefined)).toBeUndefined();
    expect(cleanPersonName('')).toBeUndefined();
    expect(cleanPersonName(' \t\u0007\u200d ')).toBeUndefined();
  });

  it(`cuts at ${PERSON_NAME_MAX} characters without splitting one`, () => {
    expect(cleanPersonName('é'.repeat(500))).toBe('é'.repeat(PERSON_NAME_MAX));
    expect(cleanPersonName('😀'.repeat(150))).toBe('😀'.repeat(PERSON_NAME_MAX));
    expect(cleanPersonName('🇫🇷'.repeat(150))).toBe('🇫🇷'.repeat(PERSON_NAME_MAX));
  });
});
