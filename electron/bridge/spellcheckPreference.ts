/**
 * The spellcheck languages preference (desktop app): 'system' follows the system's preferred
 * languages; a list names the languages to check in, as BCP 47 tags (RFC 5646), which the
 * shell matches to Chromium's Hunspell dictionaries (electron/shell/spellcheck.ts).
 */
import { z } from 'zod';

/** Dictionaries at once: Chromium checks a word against each, so a few is plenty. */
export const MAX_SPELLCHECK_LANGUAGES = 8;

/** A language tag as Chromium names its dictionaries: en, en-GB, es-419, en-GB-oxendict (RFC 5646 §2.1, simplified). */
const languageTagSchema = z.string().regex(/^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i);

export const spellcheckLanguagesSchema = z.union([
  z.literal('system'),
  z.array(languageTagSchema).min(1).max(MAX_SPELLCHECK_LANGUAGES),
]);

export type SpellcheckLanguages = z.output<typeof spellcheckLanguagesSchema>;
