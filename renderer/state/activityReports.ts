/**
 * Headless mode's idle time for auto-away: the page's own keyboard and pointer input,
 * reported to the core at most once per `throttleMs` (the first input at once, so that
 * coming back is seen without delay). The desktop app's core reads the system's idle time
 * instead, and these reports change nothing there.
 */
const INPUT_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

export function startActivityReports(target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>, report: () => void,
  now: () => number, throttleMs = 1000): () => void {
  let last = -Infinity;
  const seen = (): void => {
    const time = now();
    if (time - last < throttleMs) return;
    last = time;
    report();
  };
  for (const name of INPUT_EVENTS) target.addEventListener(name, seen, { passive: true, capture: true });
  return () => {
    for (const name of INPUT_EVENTS) target.removeEventListener(name, seen, { capture: true });
  };
}
