/**
 * Colours that stand for an id (an account, a contact, a message sender): the same id gets
 * the same colour in every window and after every restart, and text drawn on it is legible.
 * Contrast is WCAG 2.2's (§1.4.3, level AA: 4.5:1 for normal text), computed with its
 * relative-luminance formula (https://www.w3.org/TR/WCAG22/#dfn-relative-luminance).
 */
import { i18n } from '../i18n/index.js';

/** WCAG AA for normal-size text (success criterion 1.4.3). */
export const AA_CONTRAST = 4.5;

const WHITE = '#ffffff';
const BLACK = '#000000';

/** FNV-1a over the UTF-16 code units: small, stable, and spreads close ids apart. */
export function hashId(id: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < id.length; index++) {
    hash ^= id.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** `#rrggbb` (or `#rgb`) to 0–255 channels; undefined for anything else. */
export function parseHexColour(colour: string): readonly [number, number, number] | undefined {
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(colour);
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  const parts = long ? [long[1], long[2], long[3]] : short ? [short[1], short[2], short[3]].map((part) => `${part ?? ''}${part ?? ''}`) : undefined;
  if (!parts) return undefined;
  const [red, green, blue] = parts.map((part) => Number.parseInt(part ?? '', 16));
  if (red === undefined || green === undefined || blue === undefined) return undefined;
  return [red, green, blue];
}

function toHex(channels: readonly [number, number, number]): string {
  return `#${channels.map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('')}`;
}

/** Relative luminance of an sRGB colour, 0 (black) to 1 (white). */
export function relativeLuminance(colour: string): number {
  const channels = parseHexColour(colour);
  if (!channels) throw new Error(i18n.t('stateErrors.notAColour', { colour }));
  const [red, green, blue] = channels.map((channel) => {
    const value = channel / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (red ?? 0) + 0.7152 * (green ?? 0) + 0.0722 * (blue ?? 0);
}

/** The contrast ratio of two colours, 1 to 21. */
export function contrastRatio(first: string, second: string): number {
  const [light, dark] = [relativeLuminance(first), relativeLuminance(second)].sort((a, b) => b - a);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

/** HSL (hue in degrees, saturation and lightness 0–1) to `#rrggbb`. */
function hsl(hue: number, saturation: number, lightness: number): string {
  const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const part = chroma * (1 - Math.abs(((hue / 60) % 2) - 1));
  const base = lightness - chroma / 2;
  const sector = Math.floor(hue / 60) % 6;
  const [red, green, blue] = [
    [chroma, part, 0], [part, chroma, 0], [0, chroma, part], [0, part, chroma], [part, 0, chroma], [chroma, 0, part],
  ][sector] ?? [0, 0, 0];
  return toHex([((red ?? 0) + base) * 255, ((green ?? 0) + base) * 255, ((blue ?? 0) + base) * 255]);
}

/**
 * The colour of an id: its hue from the hash, darkened step by step until white text on it
 * meets AA (yellows and greens need it darker than blues).
 */
export function colourFromId(id: string): string {
  const hash = hashId(id);
  const hue = hash % 360;
  const saturation = 0.45 + ((hash >>> 9) % 20) / 100;
  let lightness = 0.46;
  let colour = hsl(hue, saturation, lightness);
  while (contrastRatio(colour, WHITE) < AA_CONTRAST && lightness > 0.05) {
    lightness -= 0.02;
    colour = hsl(hue, saturation, lightness);
  }
  return colour;
}

/**
 * White where it meets AA, else whichever of black and white contrasts more: for any sRGB
 * colour one of the two reaches at least 4.58:1, so the text always meets AA (on a colour
 * the user chose too).
 */
export function textColourOn(background: string): string {
  const onWhite = contrastRatio(background, WHITE);
  return onWhite >= AA_CONTRAST || onWhite >= contrastRatio(background, BLACK) ? WHITE : BLACK;
}
