/**
 * Completing what is being typed in the composer: `:shortcode:` → emoji, and Tab on a
 * name's first letters → the member's name (IRC clients' nick completion: at the start of
 * the message it is followed by ": ", elsewhere by a space; Tab again cycles).
 */

export interface EmojiEntry {
  readonly emoji: string;
  /** Without colons, e.g. `thumbsup`. */
  readonly shortcode: string;
  readonly label: string;
}

/** The word being typed when the cursor stands at its end. */
export interface TypedWord {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export function wordBeforeCursor(text: string, cursor: number): TypedWord | null {
  const before = text.slice(0, cursor);
  const match = /(\S+)$/.exec(before);
  if (!match?.[1]) return null;
  const after = text[cursor];
  if (after !== undefined && !/\s/.test(after)) return null;
  return { start: cursor - match[1].length, end: cursor, text: match[1] };
}

/** `:thu` being typed (two characters at least, as Slack and Element wait for), without the colon; else null. */
export function shortcodeQuery(word: TypedWord | null): string | null {
  const match = word ? /^:([a-z0-9_+-]{2,})$/i.exec(word.text) : null;
  return match?.[1]?.toLowerCase() ?? null;
}

/** A whole `:shortcode:` just typed, when it names an emoji. */
export function completedShortcode(word: TypedWord | null, index: readonly EmojiEntry[]): EmojiEntry | null {
  const match = word ? /^:([a-z0-9_+-]+):$/i.exec(word.text) : null;
  const code = match?.[1]?.toLowerCase();
  return code === undefined ? null : index.find((entry) => entry.shortcode === code) ?? null;
}

/** Emoji whose shortcode starts with the query, then those that contain it; at most `limit`. */
export function matchShortcodes(index: readonly EmojiEntry[], query: string, limit = 8): EmojiEntry[] {
  const starts = index.filter((entry) => entry.shortcode.startsWith(query));
  const contains = index.filter((entry) => !entry.shortcode.startsWith(query) && entry.shortcode.includes(query));
  return [...starts, ...contains].slice(0, limit);
}

/** The text with `start..end` replaced, and where the cursor goes. */
export function replaceRange(text: string, start: number, end: number, insert: string): { readonly text: string; readonly cursor: number } {
  return { text: text.slice(0, start) + insert + text.slice(end), cursor: start + insert.length };
}

/**
 * Names that start with `prefix` (case-insensitive), in the order given (most recent
 * speakers first, then alphabetical, is the caller's choice), without duplicates.
 */
export function matchNames(names: readonly string[], prefix: string): string[] {
  const lower = prefix.toLowerCase();
  if (lower === '') return [];
  return [...new Set(names.filter((name) => name.toLowerCase().startsWith(lower)))];
}

/** What Tab puts in place of the typed prefix: `name: ` at the start of the message, `name ` elsewhere. */
export function nameInsertion(name: string, atStart: boolean): string {
  return atStart ? `${name}: ` : `${name} `;
}

/** The emoji picked last first, each once, at most `limit`. */
export function withRecentEmoji(recent: readonly string[], emoji: string, limit = 24): string[] {
  return [emoji, ...recent.filter((item) => item !== emoji)].slice(0, limit);
}

/**
 * The `:shortcode:` index from emojibase data (`en/data.json` for the emoji, GitHub's
 * shortcodes by hexcode): one entry per shortcode.
 */
export function buildEmojiIndex(data: unknown, shortcodes: unknown): EmojiEntry[] {
  if (!Array.isArray(data) || typeof shortcodes !== 'object' || shortcodes === null) return [];
  const codes = shortcodes as Record<string, unknown>;
  const entries: EmojiEntry[] = [];
  for (const item of data as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { hexcode, emoji, label } = item as { hexcode?: unknown; emoji?: unknown; label?: unknown };
    if (typeof hexcode !== 'string' || typeof emoji !== 'string') continue;
    const names = codes[hexcode];
    for (const shortcode of Array.isArray(names) ? names : [names]) {
      if (typeof shortcode === 'string') entries.push({ emoji, shortcode, label: typeof label === 'string' ? label : shortcode });
    }
  }
  return entries.sort((a, b) => a.shortcode.localeCompare(b.shortcode));
}
