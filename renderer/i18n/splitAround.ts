/**
 * A translation with an element inside it ("Replying to **bob**: …"): the view asks for the
 * text with PART where the element goes and renders the two sides around it. The element's
 * own text (a name from the network) is never put into the translation and never parsed.
 */
export const PART = '\u0000';

export function splitAround(translated: string): readonly [before: string, after: string] {
  const at = translated.indexOf(PART);
  return at < 0 ? [translated, ''] : [translated.slice(0, at), translated.slice(at + PART.length)];
}
