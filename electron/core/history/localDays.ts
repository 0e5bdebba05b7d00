/**
 * The user's local days in a named time zone (IANA, as the renderer's
 * Intl.DateTimeFormat().resolvedOptions().timeZone gives it): which day a time falls on,
 * and where a day starts and ends. The core may run on another machine than the window
 * (headless mode), so the zone is always the one the window names, never the core's own.
 */

export const DAY_MS = 24 * 3600 * 1000;

/** The day as the user reads it: YYYY-MM-DD. */
export type LocalDay = string;

/** Whether `timeZone` is a zone this runtime knows (throws nothing). */
export function isTimeZone(timeZone: string): boolean {
  if (timeZone === '' || timeZone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** YYYY-MM-DD of a day number (days since 1970-01-01 on the local calendar). */
function dayText(dayNumber: number): LocalDay {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** The day number of YYYY-MM-DD, or undefined when it is no real calendar day. */
export function dayNumber(day: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, date);
  // Date.UTC rolls 2026-02-30 over into March: only a day that reads back the same is real.
  return Number.isNaN(time) || dayText(time / DAY_MS) !== day ? undefined : time / DAY_MS;
}

export class LocalDays {
  private readonly format: Intl.DateTimeFormat;
  /** Offsets at the start of each UTC day asked (zones change offset at most once a day). */
  private readonly offsets = new Map<number, number>();

  /** Throws (in words) for a zone this runtime does not know. */
  constructor(readonly timeZone: string) {
    if (!isTimeZone(timeZone)) throw new Error(`Unknown time zone: ${timeZone.slice(0, 64)}`);
    // "1/1/2026, GMT+01:00": the offset itself, as text. format() is some 20 times cheaper
    // than formatToParts(), and a list of a year's days asks for hundreds of offsets.
    this.format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  }

  /** Local time minus UTC at `time`, in ms (+3,600,000 in Paris in winter). */
  offsetAt(time: number): number {
    const match = /GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(this.format.format(time));
    if (!match?.[1]) return 0; // "GMT": UTC itself
    const ms = ((Number(match[2]) * 60 + Number(match[3])) * 60 + Number(match[4] ?? 0)) * 1000;
    return match[1] === '-' ? -ms : ms;
  }

  /**
   * The local day number of `time`. Two look-ups per UTC day at most: when the offset at
   * both ends of the UTC day is the same it holds all day; else (a DST change that day)
   * the offset is taken at the time itself.
   */
  dayOf(time: number): number {
    const utcDay = Math.floor(time / DAY_MS);
    const start = this.cachedOffset(utcDay);
    const offset = start === this.cachedOffset(utcDay + 1) ? start : this.offsetAt(time);
    return Math.floor((time + offset) / DAY_MS);
  }

  dayText(time: number): LocalDay {
    return dayText(this.dayOf(time));
  }

  /** Where a local day begins (inclusive) and ends (exclusive), in ms; 23 or 25 hours on DST days. */
  bounds(day: number): { readonly start: number; readonly end: number } {
    return { start: this.midnight(day), end: this.midnight(day + 1) };
  }

  private midnight(day: number): number {
    const utc = day * DAY_MS;
    // The offset at local midnight, found from a guess; a second pass settles a DST change.
    let start = utc - this.offsetAt(utc);
    start = utc - this.offsetAt(start);
    return start;
  }

  private cachedOffset(utcDay: number): number {
    let offset = this.offsets.get(utcDay);
    if (offset === undefined) {
      offset = this.offsetAt(utcDay * DAY_MS);
      this.offsets.set(utcDay, offset);
    }
    return offset;
  }
}

export { dayText as localDayText };
