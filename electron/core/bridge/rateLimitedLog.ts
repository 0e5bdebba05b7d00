/**
 * A log for lines a client can cause at will (one per bad frame): the first few in each
 * window are written, then one line says the rest are not, and the next window starts
 * with how many were left out. A flood of 10,000 bad frames is a dozen lines, not 10,000.
 */
export interface RateLimitOptions {
  /** Lines written per window before the rest are counted instead. */
  readonly lines: number;
  readonly windowMs: number;
  readonly now?: () => number;
}

export function rateLimitedLog(log: (line: string) => void, what: string, options: RateLimitOptions): (line: string) => void {
  const now = options.now ?? Date.now;
  let windowStart = now();
  let written = 0;
  let suppressed = 0;
  return (line) => {
    const time = now();
    if (time - windowStart >= options.windowMs) {
      if (suppressed > 0) log(`${suppressed} more ${what} were not logged`);
      windowStart = time;
      written = 0;
      suppressed = 0;
    }
    if (written < options.lines) {
      written++;
      log(line);
      return;
    }
    if (suppressed === 0) log(`further ${what} are not logged for ${Math.round(options.windowMs / 1000)} s`);
    suppressed++;
  };
}
