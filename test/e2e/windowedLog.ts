/**
 * The message log is windowed (react-virtuoso): only the rows near the view are in the
 * document. To check what a conversation shows, read it as a user would: scroll the log
 * from the top to the bottom a screen at a time and note each message once, in order.
 */
import type { Locator } from '@playwright/test';

/** Two animation frames: Virtuoso renders the rows of a new scroll position in the next frame. */
function nextFrames(log: Locator): Promise<void> {
  return log.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

/** The message bodies of the whole log, oldest first (the log must be the scrolling element, role "log"). */
export async function readWholeLog(log: Locator): Promise<string[]> {
  const seen = new Set<string>();
  const bodies: string[] = [];
  await log.evaluate((element) => { element.scrollTop = 0; });
  for (let screen = 0; screen < 500; screen++) {
    await nextFrames(log);
    const rows = await log.locator('.message').evaluateAll((elements) =>
      elements.map((element) => [element.id, element.querySelector('.message-body')?.textContent ?? ''] as const));
    for (const [id, body] of rows) {
      if (seen.has(id)) continue;
      seen.add(id);
      bodies.push(body);
    }
    const atEnd = await log.evaluate((element) => {
      const before = element.scrollTop;
      element.scrollTop = before + element.clientHeight * 0.8;
      return element.scrollTop === before;
    });
    if (atEnd) return bodies;
  }
  throw new Error('the log did not end after 500 screens');
}
