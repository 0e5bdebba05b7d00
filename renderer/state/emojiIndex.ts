/** Loads the `:shortcode:` index from the emojibase files the app serves (build/build.mjs). */
import { buildEmojiIndex, type EmojiEntry } from './completion.js';

export async function loadEmojiIndex(baseUrl: string, fetcher: typeof fetch = fetch): Promise<EmojiEntry[]> {
  const [data, shortcodes] = await Promise.all([
    fetcher(`${baseUrl}/en/data.json`).then((response) => response.json() as Promise<unknown>),
    fetcher(`${baseUrl}/en/shortcodes/github.json`).then((response) => response.json() as Promise<unknown>),
  ]);
  return buildEmojiIndex(data, shortcodes);
}
