import { describe, expect, it } from 'vitest';
import { AA_CONTRAST, colourFromId, contrastRatio, hashId, parseHexColour, relativeLuminance, textColourOn } from './identityColour.js';

describe('contrast (WCAG 2.2)', () => {
  it('measures the known extremes and a known pair', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    // #767676 on white is the classic lightest grey that passes AA (4.54:1).
    expect(contrastRatio('#767676', '#fff')).toBeCloseTo(4.54, 2);
    expect(relativeLuminance('#ff0000')).toBeCloseTo(0.2126, 4);
  });

  it('reads only #rgb and #rrggbb', () => {
    expect(parseHexColour('#1f5fbf')).toEqual([31, 95, 191]);
    expect(parseHexColour('#abc')).toEqual([170, 187, 204]);
    expect(parseHexColour('red')).toBeUndefined();
    expect(parseHexColour('#12345')).toBeUndefined();
  });
});

describe('the colour of an id', () => {
  it('is the same for the same id and differs between close ids', () => {
    expect(colourFromId('acc-1')).toBe(colourFromId('acc-1'));
    expect(hashId('acc-1')).not.toBe(hashId('acc-2'));
    const colours = new Set(Array.from({ length: 50 }, (_, index) => colourFromId(`account-${index}`)));
    expect(colours.size).toBeGreaterThan(40);
  });

  it('carries white initials at AA contrast, for every hue', () => {
    const ids = [...Array.from({ length: 2000 }, (_, index) => `id-${index}`), '', '@alice:example.org', 'alice@example.org', '山田'];
    for (const id of ids) {
      const colour = colourFromId(id);
      expect(colour).toMatch(/^#[0-9a-f]{6}$/);
      expect(textColourOn(colour)).toBe('#ffffff');
      expect(contrastRatio(colour, textColourOn(colour)), `${id}: ${colour}`).toBeGreaterThanOrEqual(AA_CONTRAST);
    }
  });

  it('puts black or white text on any colour a user chooses, whichever meets AA', () => {
    for (const colour of ['#ffff00', '#00ff00', '#777777', '#808080', '#1f5fbf', '#ffffff', '#000000', '#ff00ff']) {
      expect(contrastRatio(colour, textColourOn(colour)), colour).toBeGreaterThanOrEqual(AA_CONTRAST);
    }
    expect(textColourOn('#ffff00')).toBe('#000000');
    expect(textColourOn('#1f5fbf')).toBe('#ffffff');
  });
});
