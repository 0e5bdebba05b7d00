/**
 * The log viewer (Pidgin's "View log"): whose log, how a day reads in the list, and the
 * find-in-day matching. The days and a day's messages come from the core (logs.days,
 * logs.read), asked for in the window's own time zone: days are the user's local days.
 */
import type { MessageView } from '../../electron/bridge/schemas.js';

export type LogSubject =
  | { readonly kind: 'conversation'; readonly conversationId: number }
  | { readonly kind: 'buddy'; readonly accountId: string; readonly contactId: string }
  | { readonly kind: 'person'; readonly personId: number };

/** The dialog's subject and the name it is shown under ("View log: Alice"). */
export interface LogTarget {
  readonly subject: LogSubject;
  readonly name: string;
}

export interface LogDay {
  readonly day: string;
  readonly count: number;
}

export interface LogDayPage {
  readonly day: string;
  readonly messages: readonly MessageView[];
  readonly truncated: boolean;
}

/** The window's time zone (IANA), which the core counts days in. */
export function windowTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** A YYYY-MM-DD day as the user reads it ("Monday, 2 March 2026"), in the window's locale. */
export function dayLabel(day: string, locale?: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  // Noon UTC of that day, shown in UTC: the calendar day itself, whatever the zone.
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12));
  return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

export interface TextPart {
  readonly text: string;
  readonly marked: boolean;
}

/**
 * `text` cut into parts where `find` occurs (any case), for marks built from text. An empty
 * `find` marks nothing.
 */
export function findParts(text: string, find: string): TextPart[] {
  const needle = find.trim().toLocaleLowerCase();
  if (needle === '') return text === '' ? [] : [{ text, marked: false }];
  const haystack = text.toLocaleLowerCase();
  const parts: TextPart[] = [];
  let from = 0;
  // Lower-casing keeps the length for every script this is used with except a few (İ); a
  // match is then taken where the lower-cased text has it, cut from the original by index.
  const sameLength = haystack.length === text.length;
  for (let at = haystack.indexOf(needle); at !== -1 && sameLength; at = haystack.indexOf(needle, at + needle.length)) {
    if (at > from) parts.push({ text: text.slice(from, at), marked: false });
    parts.push({ text: text.slice(at, at + needle.length), marked: true });
    from = at + needle.length;
  }
  if (from < text.length) parts.push({ text: text.slice(from), marked: false });
  return parts;
}

/** Whether a message matches the find text: its body or its sender's name holds it (any case). */
export function messageMatches(message: MessageView, find: string): boolean {
  const needle = find.trim().toLocaleLowerCase();
  if (needle === '') return true;
  return message.body.toLocaleLowerCase().includes(needle) || message.senderName.toLocaleLowerCase().includes(needle);
}
