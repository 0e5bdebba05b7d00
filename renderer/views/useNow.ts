/** The current time, refreshed every `intervalMs` while `active` (for countdowns). */
import { useEffect, useState } from 'react';

export function useNow(active: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    const tick = (): void => setNow(Date.now());
    const first = window.setTimeout(tick, 0); // the time may be stale from before the countdown began
    const timer = window.setInterval(tick, intervalMs);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(timer);
    };
  }, [active, intervalMs]);
  return now;
}
