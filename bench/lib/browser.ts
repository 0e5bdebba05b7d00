/**
 * The UI, measured in Debian's Chromium (headless, driven by Playwright as the end-to-end
 * tests do): first paint, opening a conversation, scrolling, typing in the buddy-list
 * filter, timeline DOM nodes, renderer JS heap (CDP, after a garbage collection).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright';
import { percentile } from './stats.js';

const CHROMIUM = '/usr/bin/chromium';

export interface BenchBrowser {
  readonly page: Page;
  readonly cdp: CDPSession;
  close(): Promise<void>;
}

export async function openBrowser(): Promise<BenchBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`The UI benchmark needs Debian's Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--enable-precise-memory-info'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return { page, cdp, close: () => browser.close() };
}

export interface FirstPaint {
  /** First contentful paint, ms after navigation start. */
  readonly firstContentfulPaintMs: number;
  /** Until the buddy list shows its first rows (conversations loaded), ms after navigation start. */
  readonly buddyListMs: number;
}

export async function loadApp(page: Page, url: string, expectTitle: string, timeoutMs = 120_000): Promise<FirstPaint & { openAtStart: string | null }> {
  await page.goto(url);
  // The buddy list is windowed: it is there with its first rows; the named conversation
  // (far down) is then found through the filter, outside the measured time.
  await page.locator('[aria-label="Contacts"] button.contact').first().waitFor({ timeout: timeoutMs });
  const paint = await page.evaluate(() => {
    const fcp = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint');
    return { firstContentfulPaintMs: fcp?.startTime ?? Number.NaN, buddyListMs: performance.now(), openAtStart: document.querySelector('[role="log"]')?.getAttribute('aria-label') ?? null };
  });
  await revealInBuddyList(page, expectTitle, timeoutMs);
  await clearBuddyFilter(page);
  return paint;
}

/**
 * Brings the named entry of the (windowed) buddy list into the DOM as a person with
 * thousands of contacts does: its name typed into "Filter contacts". (Scrolling there a
 * screen at a time took minutes: the sidebar's list is a few rows tall at 800 px, over
 * 360,000 px of 5,000 contacts.)
 */
export async function revealInBuddyList(page: Page, title: string, timeoutMs = 60_000): Promise<void> {
  await page.getByRole('searchbox', { name: 'Filter contacts' }).fill(title);
  // A CSS string: JSON's quoting escapes quotes and backslashes the way CSS reads them.
  await page.locator(`.contact-scroll button.contact[aria-label=${JSON.stringify(title)}]`).first().waitFor({ timeout: timeoutMs });
}

/** The buddy list unfiltered again, as it was before {@link revealInBuddyList}. */
export async function clearBuddyFilter(page: Page): Promise<void> {
  await page.getByRole('searchbox', { name: 'Filter contacts' }).fill('');
}

/** Clicks a conversation in the buddy list; ms until a frame with its first messages (and how many are in the DOM). */
export async function openConversation(page: Page, title: string, timeoutMs = 60_000): Promise<{ ms: number; messages: number }> {
  await revealInBuddyList(page, title, timeoutMs);
  // Found and clicked in one go: between two evaluations the windowed list may have
  // re-rendered (presences re-sorting it) and moved the entry out of the DOM.
  const opened = await page.evaluate(({ title: t, timeoutMs: limit }) => new Promise<{ ms: number; messages: number }>((resolve, reject) => {
    const started = performance.now();
    const click = (): void => {
      const button = [...document.querySelectorAll<HTMLButtonElement>('.contact-scroll button.contact')].find((b) => b.getAttribute('aria-label') === t);
      if (!button) {
        if (performance.now() - started > limit) reject(new Error(`no buddy-list entry ${t}`));
        else requestAnimationFrame(() => requestAnimationFrame(click));
        return;
      }
      const start = performance.now();
      button.click();
      const check = (): void => {
        const log = document.querySelector(`[role="log"][aria-label="Messages in ${t}"]`);
        const count = log?.querySelectorAll('.message').length ?? 0;
        if (count > 0) requestAnimationFrame(() => resolve({ ms: performance.now() - start, messages: count }));
        else if (performance.now() - start > limit) reject(new Error(`no messages of ${t} rendered within ${limit} ms`));
        else requestAnimationFrame(check);
      };
      check();
    };
    click();
  }), { title, timeoutMs });
  await clearBuddyFilter(page);
  return opened;
}

export async function timelineNodes(page: Page): Promise<{ timeline: number; document: number; messages: number }> {
  return page.evaluate(() => {
    const scroller = document.querySelector('.log-scroll');
    return {
      timeline: scroller ? scroller.querySelectorAll('*').length + 1 : 0,
      document: document.querySelectorAll('*').length,
      messages: scroller?.querySelectorAll('.message').length ?? 0,
    };
  });
}

export interface ScrollResult {
  readonly frames: number;
  readonly frameP50: number;
  readonly frameP95: number;
  readonly longTasks: number;
  readonly longTaskMs: number;
  readonly scrolledPx: number;
}

/** Scrolls the open timeline with the mouse wheel for `seconds`, up to the top and back; frame times from requestAnimationFrame. */
export async function scrollTimeline(page: Page, seconds: number): Promise<ScrollResult> {
  const box = await page.locator('.log-scroll').first().boundingBox();
  if (!box) throw new Error('no timeline to scroll');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.evaluate(() => {
    const w = window as unknown as { __bench: { frames: number[]; long: number[]; px: number; stop: boolean } };
    w.__bench = { frames: [], long: [], px: 0, stop: false };
    const state = w.__bench;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) state.long.push(e.duration); }).observe({ type: 'longtask' });
    const scroller = document.querySelector('.log-scroll');
    let last = scroller?.scrollTop ?? 0;
    scroller?.addEventListener('scroll', () => {
      state.px += Math.abs(scroller.scrollTop - last);
      last = scroller.scrollTop;
    });
    let previous = performance.now();
    const tick = (t: number): void => {
      state.frames.push(t - previous);
      previous = t;
      if (!state.stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const end = Date.now() + seconds * 1000;
  let direction = -1;
  while (Date.now() < end) {
    await page.mouse.wheel(0, direction * 120);
    const at = await page.evaluate(() => {
      const s = document.querySelector('.log-scroll');
      return s ? { top: s.scrollTop, max: s.scrollHeight - s.clientHeight } : { top: 0, max: 0 };
    });
    if (direction < 0 && at.top <= 0) direction = 1;
    else if (direction > 0 && at.top >= at.max - 1) direction = -1;
  }
  const raw = await page.evaluate(() => {
    const w = window as unknown as { __bench: { frames: number[]; long: number[]; px: number; stop: boolean } };
    w.__bench.stop = true;
    return w.__bench;
  });
  const frames = raw.frames.slice(1);
  return {
    frames: frames.length, frameP50: percentile(frames, 50), frameP95: percentile(frames, 95),
    longTasks: raw.long.length, longTaskMs: raw.long.reduce((a, b) => a + b, 0), scrolledPx: raw.px,
  };
}

/** Types into the buddy-list filter one key at a time (the text, then erasing it, three times); per key, ms from keydown to the frame after the list re-rendered. */
export async function filterTypingLatency(page: Page, text: string): Promise<number[]> {
  const filter = page.getByRole('searchbox', { name: 'Filter contacts' });
  await filter.click();
  await filter.fill('');
  await page.evaluate(() => {
    const w = window as unknown as { __typing: number[] };
    w.__typing = [];
    const input = document.querySelector('input.buddy-filter');
    let down = 0;
    input?.addEventListener('keydown', (e) => { down = e.timeStamp; }, { capture: true });
    input?.addEventListener('input', () => {
      const from = down;
      requestAnimationFrame(() => setTimeout(() => w.__typing.push(performance.now() - from), 0));
    });
  });
  const keys: string[] = [];
  for (const key of text) keys.push(key);
  const erase = keys.map(() => 'Backspace');
  for (const key of [...keys, ...erase, ...keys, ...erase, ...keys, ...erase]) {
    await page.keyboard.press(key);
    await page.waitForTimeout(150);
  }
  await filter.fill('');
  return page.evaluate(() => (window as unknown as { __typing: number[] }).__typing);
}

/** The renderer's JS heap in MiB: used after a full garbage collection, and total. */
export async function rendererHeap(cdp: CDPSession): Promise<{ usedMiB: number; totalMiB: number; nodes: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string): number => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  return { usedMiB: metric('JSHeapUsedSize') / 1024 ** 2, totalMiB: metric('JSHeapTotalSize') / 1024 ** 2, nodes: metric('Nodes') };
}

/**
 * Searches `query` in the search panel (outside the measured time), then clicks the oldest
 * result in a conversation other than `notIn`'s (one without a tab: opened again at the
 * message, with the messages around it loaded); ms from the click to a frame with that
 * message flashed (`.message.focused`) in its conversation's log.
 */
export async function openSearchResult(page: Page, query: string, notIn: string, timeoutMs = 60_000): Promise<{ ms: number; conversation: string }> {
  const box = page.getByRole('searchbox', { name: 'Search messages' });
  await box.fill(query);
  await box.press('Enter');
  await page.locator('[aria-label="Search results"] button.search-hit').first().waitFor({ timeout: timeoutMs });
  return page.evaluate(({ notIn: skip, timeoutMs: limit }) => new Promise<{ ms: number; conversation: string }>((resolve, reject) => {
    const target = (): { button: HTMLButtonElement | undefined; title: string } => {
      const groups = [...document.querySelectorAll('[aria-label="Search results"] .search-group')]
        .filter((group) => group.querySelector('.search-group-title')?.textContent !== skip);
      const group = groups[groups.length - 1];
      const hits = group ? [...group.querySelectorAll<HTMLButtonElement>('button.search-hit')] : [];
      return { button: hits[hits.length - 1], title: group?.querySelector('.search-group-title')?.textContent ?? '' };
    };
    let { button, title } = target();
    if (!button) {
      reject(new Error(`no search result outside ${skip}`));
      return;
    }
    const started = performance.now();
    let start = started;
    button.click();
    const check = (): void => {
      const focused = document.querySelector(`[role="log"][aria-label="Messages in ${title}"] .message.focused`);
      if (focused) {
        requestAnimationFrame(() => resolve({ ms: performance.now() - start, conversation: title }));
        return;
      }
      // The results were drawn again after the button was found (more arrived under load): the
      // click went to a node no longer in the page, which no person could click. Click the new one.
      if (button && !button.isConnected) {
        ({ button, title } = target());
        start = performance.now();
        button?.click();
      }
      if (performance.now() - started > limit) {
        // What the page showed instead, so that a failure says where the click went.
        const logs = [...document.querySelectorAll('[role="log"]')].map((log) => `${log.getAttribute('aria-label') ?? ''} (${log.querySelectorAll('.message').length} messages)`);
        reject(new Error(`the result in ${title} was not shown within ${limit} ms; logs shown: ${logs.join(', ') || 'none'}; focused anywhere: ${document.querySelector('.message.focused') !== null}`));
      }
      else requestAnimationFrame(check);
    };
    check();
  }), { notIn, timeoutMs });
}
