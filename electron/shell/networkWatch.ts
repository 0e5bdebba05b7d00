/**
 * Calls back when the machine goes from offline to online. Electron has no event for
 * it in the main process, so `isOnline` (net.isOnline()) is polled; the check is cheap.
 */
export function watchOnlineTransitions(isOnline: () => boolean, onBackOnline: () => void, intervalMs = 5000): () => void {
  let wasOnline = isOnline();
  const timer = setInterval(() => {
    const online = isOnline();
    if (online && !wasOnline) onBackOnline();
    wasOnline = online;
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
