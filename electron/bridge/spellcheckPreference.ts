/**
 * The spellcheck languages preference (desktop app) and how it becomes dictionaries: 'system'
 * follows the system's preferred languages; a list names the languages to check in, as
 * BCP 47 tags (RFC 5646), matched to Chromium's Hunspell dictionaries the same way. The
 * shell applies the result (electron/shell/desktop.ts, `session.setSpellCheckerLanguages`);
 * Settings offers the list (renderer/state/spellcheckChoice.ts).
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

function normalize(tag: string): string {
  return tag.replaceAll('_', '-').toLowerCase();
}

/**
 * The dictionaries for languages, in the user's order: the exact one when there is (en-GB),
 * else one of the same language (de-AT → de-DE), else English when none matches at all; a
 * bare language (en) already checked in a regional form adds none.
 */
export function spellcheckLanguages(preferred: readonly string[], available: readonly string[]): string[] {
  const chosen: string[] = [];
  const add = (tag: string | undefined): void => {
    if (tag !== undefined && !chosen.includes(tag)) chosen.push(tag);
  };
  for (const language of preferred) {
    const wanted = normalize(language);
    const exact = available.find((tag) => normalize(tag) === wanted);
    const primary = wanted.split('-')[0] ?? wanted;
    // A bare language after a regional one of it (en-US, en: what browsers report) is already checked.
    if (wanted === primary && chosen.some((tag) => normalize(tag).split('-')[0] === primary)) continue;
    add(exact ?? available.find((tag) => normalize(tag) === primary) ?? available.find((tag) => normalize(tag).split('-')[0] === primary));
  }
  if (chosen.length === 0) add(available.find((tag) => normalize(tag) === 'en-us'));
  return chosen;
}

/** The dictionaries for the user's choice: the system's languages, or the languages listed, matched the same way. */
export function chosenSpellcheckLanguages(choice: SpellcheckLanguages, system: readonly string[], available: readonly string[]): string[] {
  return spellcheckLanguages(choice === 'system' ? system : choice, available);
}
