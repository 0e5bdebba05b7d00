/**
 * mIRC formatting control codes, removed from incoming text so the user sees plain words:
 * bold \x02, colour \x03[fg[,bg]], hex colour \x04[rrggbb[,rrggbb]], reset \x0F,
 * reverse \x16, italic \x1D, strikethrough \x1E, underline \x1F, monospace \x11.
 */
const COLOUR = /\x03(?:\d{1,2}(?:,\d{1,2})?)?/g;
const HEX_COLOUR = /\x04(?:[0-9a-fA-F]{6}(?:,[0-9a-fA-F]{6})?)?/g;
const TOGGLES = /[\x02\x0F\x11\x16\x1D\x1E\x1F]/g;

export function stripFormatting(text: string): string {
  return text.replace(COLOUR, '').replace(HEX_COLOUR, '').replace(TOGGLES, '');
}
