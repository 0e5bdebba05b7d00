/** Wall-clock times in logs, which name their zone (Pidgin's file names) or do not (WeeChat, irssi: the machine's zone). */

/** ms since the epoch of a wall-clock time at a UTC offset in minutes, or in this machine's zone when the offset is unknown. */
export function wallClock(year: number, month: number, day: number, hour: number, minute: number, second: number, offsetMinutes?: number): number {
  if (offsetMinutes === undefined) return new Date(year, month - 1, day, hour, minute, second).getTime();
  return Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** 1–12 for an English month name or abbreviation (irssi writes "Dec"); undefined otherwise. */
export function monthNumber(name: string): number | undefined {
  const at = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return at < 0 ? undefined : at + 1;
}

/** A clock "10:00", "10:00:01" or "10:00:01 PM" as seconds since midnight; undefined when it is none. */
export function clockSeconds(text: string): number | undefined {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?$/.exec(text.trim());
  if (!match) return undefined;
  let hour = Number(match[1]);
  const minute = Number(match[2]);
  const second = Number(match[3] ?? 0);
  const half = match[4]?.toLowerCase();
  if (half !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (half === 'p' ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  return hour * 3600 + minute * 60 + second;
}
