import { describe, expect, it } from 'vitest';
import { stripFormatting } from './formatting.js';

describe('stripFormatting', () => {
  it('removes bold, italic, underline, strike, monospace, reverse and reset', () => {
    expect(stripFormatting('\x02bold\x02 \x1Ditalic\x1D \x1Funder\x1F \x1Estrike\x1E \x11mono\x11 \x16rev\x16\x0F end'))
      .toBe('bold italic under strike mono rev end');
  });

  it('removes colour codes with foreground and background, keeping the digits that follow text', () => {
    expect(stripFormatting('\x034red\x03 \x0304,12on blue\x03 plain')).toBe('red on blue plain');
    expect(stripFormatting('\x0312,05,5 commas')).toBe(',5 commas');
    expect(stripFormatting('\x03,bare comma')).toBe(',bare comma');
    expect(stripFormatting('score \x03 1234')).toBe('score  1234');
  });

  it('removes hex colours', () => {
    expect(stripFormatting('\x04FF0000red\x04 \x04ff0000,00ff00both\x04')).toBe('red both');
  });

  it('leaves ordinary text, emoji and accents untouched', () => {
    expect(stripFormatting('Grüße 😀 #chan 100%')).toBe('Grüße 😀 #chan 100%');
  });
});
