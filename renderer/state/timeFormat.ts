/**
 * Every time the UI shows goes through here, so the Clock setting (12-hour, 24-hour, or the
 * system's: the language's own habit) is one rule in one place. `hourCycle` is ECMA-402's
 * (Intl.DateTimeFormat, "h12"/"h23"); leaving it out lets the locale decide.
 */
import type { Preferences } from '../../electron/bridge/preferences.js';

export type Clock = Preferences['clock'];

export interface TimeFormats {
  /** Hours and minutes: a message's time. */
  time(date: Date): string;
  /** Hours, minutes and seconds: the server console. */
  timeWithSeconds(date: Date): string;
  /** A short date and time: a search result. */
  shortDateTime(date: Date): string;
  /** The full date and time: a message time's tooltip. */
  fullDateTime(date: Date): string;
  /** A date alone (no clock in it, the same for every setting). */
  date(date: Date): string;
}

/** The Intl option for the clock; none for the system's. */
export function hourCycleOption(clock: Clock): { hourCycle?: 'h12' | 'h23' } {
  if (clock === '12') return { hourCycle: 'h12' };
  if (clock === '24') return { hourCycle: 'h23' };
  return {};
}

const cache = new Map<string, TimeFormats>();

/** The formats for a clock and a language (undefined: the system's); built once per pair. */
export function timeFormats(clock: Clock, locale?: string): TimeFormats {
  const key = `${clock}|${locale ?? ''}`;
  const known = cache.get(key);
  if (known) return known;
  const cycle = hourCycleOption(clock);
  const make = (options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat => new Intl.DateTimeFormat(locale, { ...options, ...cycle });
  const time = make({ hour: '2-digit', minute: '2-digit' });
  const seconds = make({ hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const short = make({ dateStyle: 'short', timeStyle: 'short' });
  const full = make({ dateStyle: 'medium', timeStyle: 'medium' });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const formats: TimeFormats = {
    time: (value) => time.format(value),
    timeWithSeconds: (value) => seconds.format(value),
    shortDateTime: (value) => short.format(value),
    fullDateTime: (value) => full.format(value),
    date: (value) => date.format(value),
  };
  cache.set(key, formats);
  return formats;
}
