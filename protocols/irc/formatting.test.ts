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

  it('reads codes left to right as the HTML does, other controls dropped first (found by the fuzzer)', async () => {
    const { formattingToHtml } = await import('./formatting.js');
    // Separate passes joined what was left into new codes: the body lost text the HTML showed.
    expect(stripFormatting('\x04\x0312ABCDEF')).toBe('ABCDEF');
    expect(formattingToHtml('\x04\x0312ABCDEF')).toBe('<span data-irc-fg="12">ABCDEF</span>');
    expect(stripFormatting('\x03\x01465')).toBe('5');
    expect(formattingToHtml('\x03\x01465')).toBe('<span data-irc-fg="46">5</span>');
  });

  it('leaves ordinary text, emoji and accents untouched', () => {
    expect(stripFormatting('Grüße 😀 #chan 100%')).toBe('Grüße 😀 #chan 100%');
  });
});

describe('formattingToHtml', () => {
  it('is undefined for text without codes', async () => {
    const { formattingToHtml } = await import('./formatting.js');
    expect(formattingToHtml('plain <b>')).toBeUndefined();
  });

  it('maps bold, italic, underline, strike and monospace to allowlisted tags and escapes text', async () => {
    const { formattingToHtml } = await import('./formatting.js');
    expect(formattingToHtml('\x02bold\x02 \x1Dit\x1D \x1Fu\x1F \x1Es\x1E \x11m\x11 <x>&'))
      .toBe('<b>bold</b> <i>it</i> <u>u</u> <s>s</s> <code>m</code> &#60;x&#62;&#38;');
  });

  it('maps colours to data attributes, resets with \\x03 and \\x0F, drops hex colours and reverse', async () => {
    const { formattingToHtml } = await import('./formatting.js');
    expect(formattingToHtml('\x034red\x03 \x0304,12both\x0F \x02\x039b\x0Fn')).toBe(
      '<span data-irc-fg="4">red</span> <span data-irc-fg="4" data-irc-bg="12">both</span> <b><span data-irc-fg="9">b</span></b>n');
    expect(formattingToHtml('\x04FF0000hex\x04 \x16rev')).toBe('hex rev');
  });

  it('never lets a control character through', async () => {
    const { formattingToHtml, stripFormatting } = await import('./formatting.js');
    const nasty = '\x02a\x00b\x01c\x07d\x1Be';
    expect(formattingToHtml(nasty)).toBe('<b>abcde</b>');
    expect(stripFormatting(nasty)).toBe('abcde');
  });
});
