/**
 * The stylesheet's two palettes meet WCAG 2.2 AA: 4.5:1 for text on each background it is
 * drawn on (§1.4.3), and in the dark palette 3:1 for control borders (§1.4.11). Read from
 * renderer/styles.css itself, so a colour changed there is checked here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AA_CONTRAST, contrastRatio } from '../../renderer/state/identityColour.js';

const css = readFileSync(join(import.meta.dirname, '..', '..', 'renderer', 'styles.css'), 'utf8');

function variables(selector: string): Map<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`styles.css has no ${selector} block`);
  const block = css.slice(start, css.indexOf('}', start));
  return new Map([...block.matchAll(/--([a-z-]+):\s*(#[0-9a-f]{6})\b/gi)].map((match) => [match[1] ?? '', match[2] ?? '']));
}

const light = variables(':root');
const dark = new Map([...light, ...variables(":root[data-theme='dark']")]);

/** Text colour, and the backgrounds it is drawn on. */
const TEXT_PAIRS: readonly (readonly [string, readonly string[]])[] = [
  ['text', ['bg', 'surface', 'accent-soft', 'tab-bg', 'members-bg', 'mark-bg', 'focused-bg', 'warn-soft', 'danger-soft']],
  ['muted', ['bg', 'surface', 'accent-soft', 'tab-bg', 'members-bg', 'focused-bg']],
  ['accent', ['bg', 'surface']],
  ['accent-text', ['accent', 'accent-hover']],
  ['on-danger', ['danger']],
  ['danger', ['surface', 'danger-soft']],
  ['ok', ['surface']],
  ['warn', ['surface', 'warn-soft']],
  ['sender', ['bg', 'surface', 'focused-bg']],
];

function colour(palette: Map<string, string>, name: string): string {
  const value = palette.get(name);
  if (value === undefined) throw new Error(`--${name} is not a #rrggbb colour in the palette`);
  return value;
}

describe.each([['light', light], ['dark', dark]] as const)('the %s palette', (_name, palette) => {
  it.each(TEXT_PAIRS)('draws --%s legibly on each of its backgrounds', (text, backgrounds) => {
    for (const background of backgrounds) {
      const ratio = contrastRatio(colour(palette, text), colour(palette, background));
      expect(ratio, `--${text} on --${background}`).toBeGreaterThanOrEqual(AA_CONTRAST);
    }
  });
});

describe('the dark palette', () => {
  it('draws control borders at 3:1 against the surfaces they sit on', () => {
    for (const background of ['bg', 'surface']) {
      expect(contrastRatio(colour(dark, 'border'), colour(dark, background)), `--border on --${background}`).toBeGreaterThanOrEqual(3);
    }
  });

  it('redefines every colour of the light palette', () => {
    const own = variables(":root[data-theme='dark']");
    expect([...light.keys()].filter((name) => !own.has(name))).toEqual([]);
  });
});
