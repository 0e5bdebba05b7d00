/**
 * The XSS end-to-end test's detectors and its look at the message log, in Chromium.
 *
 * Detectors, installed before the app loads: the sentinel `window.__xss` becomes a setter
 * that records every attempt (also from a same-origin frame, and before a navigation could
 * wipe it); requests the page or any popup makes anywhere but the app itself; dialogs
 * (alert, confirm, prompt); navigations of the main frame; popups; uncaught page errors;
 * and Content-Security-Policy refusals, from the page's `securitypolicyviolation` events
 * (which directive, what was blocked, which script was running), for the test to match
 * against the kinds it expects and explains (CSP Level 3 §5.3, the violation's fields).
 */
import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { SENTINEL } from '../fixtures/xssCorpus.js';

export interface XssWatch {
  /** Values the sentinel was set to. */
  readonly sentinel: string[];
  /** Requests to anything but the app's origin. */
  readonly requests: string[];
  /** alert/confirm/prompt/beforeunload messages. */
  readonly dialogs: string[];
  /** URLs the main frame navigated to after the app loaded. */
  readonly navigations: string[];
  /** Popup windows opened. */
  readonly popups: string[];
  readonly pageErrors: string[];
  /** Content-Security-Policy refusals, as the page's `securitypolicyviolation` events report them. */
  readonly cspRefusals: CspRefusal[];
  /** Console errors reporting a Content-Security-Policy refusal (each must have its event). */
  readonly cspConsoleErrors: string[];
}

/** One thing the Content-Security-Policy refused. */
export interface CspRefusal {
  /** The directive that refused it: `script-src-attr`, `style-src-elem`, `base-uri`, … */
  readonly directive: string;
  /** `inline`, `eval`, or the refused URL. */
  readonly blocked: string;
  /** The script that was running when it was refused (empty when none was). */
  readonly sourceFile: string;
}

const SENTINEL_MARK = 'xss-sentinel:';
const CSP_MARK = 'xss-csp-refusal:';

/** Install every detector on the page (call before its first `goto`). */
export async function watchForXss(context: BrowserContext, page: Page, appUrl: string): Promise<XssWatch> {
  const appOrigin = new URL(appUrl).origin;
  const watch: XssWatch = { sentinel: [], requests: [], dialogs: [], navigations: [], popups: [], pageErrors: [], cspRefusals: [], cspConsoleErrors: [] };
  await context.addInitScript(({ name, mark, cspMark }) => {
    const attempts: string[] = [];
    // Set from this window or a same-origin frame (`top.__xss = …`): record it and say so.
    Object.defineProperty(window, name, {
      configurable: false,
      get: () => attempts.at(-1),
      set: (value: unknown) => {
        attempts.push(String(value));
        console.warn(`${mark}${String(value)}`);
      },
    });
    document.addEventListener('securitypolicyviolation', (event) => {
      console.warn(`${cspMark}${JSON.stringify({ directive: event.effectiveDirective, blocked: event.blockedURI, sourceFile: event.sourceFile })}`);
    }, true);
  }, { name: SENTINEL, mark: SENTINEL_MARK, cspMark: CSP_MARK });
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== appOrigin) watch.requests.push(url);
  });
  context.on('page', (popup) => watch.popups.push(popup.url()));
  page.on('dialog', (dialog) => {
    watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    const text = message.text();
    if (text.startsWith(SENTINEL_MARK)) watch.sentinel.push(text.slice(SENTINEL_MARK.length));
    else if (text.startsWith(CSP_MARK)) watch.cspRefusals.push(JSON.parse(text.slice(CSP_MARK.length)) as CspRefusal);
    else if (message.type() === 'error' && /Content Security Policy/i.test(text)) watch.cspConsoleErrors.push(text);
  });
  page.on('pageerror', (error) => watch.pageErrors.push(error.message));
  let loaded = false;
  page.on('framenavigated', (frame) => {
    if (frame !== page.mainFrame()) return;
    if (loaded) watch.navigations.push(frame.url());
    loaded = true;
  });
  return watch;
}

/** One message as the user sees it. */
export interface ShownMessage {
  /** The body's whole text. */
  readonly text: string;
  /** Its links' hrefs, in order. */
  readonly links: readonly string[];
  /** Elements or attributes in the body that the allowlist does not have. */
  readonly foreign: readonly string[];
  /** The text of each hidden-character marker in it, in order (`[U+202E]`). */
  readonly markers: readonly string[];
}

/** Every message body in the log: its text, links, and anything beyond the allowed markup. */
export function readMessages(log: Locator): Promise<ShownMessage[]> {
  return log.locator('.message-body').evaluateAll((bodies) => {
    // Independent of the app's own allowlist (renderer/content/richNodes.ts), on purpose.
    // <bdi> isolates the text; a span.hidden-char (with a title saying what it is) marks a hidden character.
    const tags = new Set(['b', 'strong', 'i', 'em', 'u', 's', 'del', 'code', 'pre', 'blockquote', 'br', 'p', 'ul', 'ol', 'li', 'span',
      'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'sup', 'sub', 'a', 'bdi']);
    const attributes: Record<string, readonly string[]> = { a: ['href', 'rel', 'title'], span: ['class', 'title'] };
    const marker = (element: Element): boolean => element.localName === 'span' && element.getAttribute('class') === 'hidden-char';
    return bodies.map((body) => {
      const foreign: string[] = [];
      for (const element of body.querySelectorAll('*')) {
        const tag = element.localName;
        if (!tags.has(tag)) foreign.push(`<${tag}>`);
        for (const attribute of element.attributes) {
          const ok = (attributes[tag] ?? []).includes(attribute.name)
            && (attribute.name !== 'class' || /^(?:fg-\d+|bg-\d+)(?: bg-\d+)?$/.test(attribute.value) || marker(element))
            && (attribute.name !== 'title' || tag === 'a' || (marker(element) && /^Hidden character U\+[0-9A-F]{4,6} /.test(attribute.value)));
          if (!ok) foreign.push(`<${tag} ${attribute.name}="${attribute.value}">`);
        }
      }
      return {
        text: body.textContent,
        links: [...body.querySelectorAll('a')].map((link) => link.getAttribute('href') ?? ''),
        foreign,
        markers: [...body.querySelectorAll('.hidden-char')].map((element) => element.textContent),
      };
    });
  });
}

/** What scrolling through the conversation did. */
export interface ScrollReport {
  readonly screens: number;
  /** Message bodies and images the mouse went over. */
  readonly hovered: number;
}

/**
 * Scroll the log from its top to its bottom a screen at a time, letting each screen paint,
 * and move the real mouse over every message body and image on it (hover handlers). The
 * log is windowed (only rows near the view are in the DOM): `onScreen` looks at each
 * screen's rows before the walk goes on.
 */
export async function scrollAndHover(page: Page, log: Locator, onScreen: () => Promise<void>): Promise<ScrollReport> {
  const screen = (first: boolean) => log.evaluate(async (element, top) => {
    const scroller = element.closest('.log-scroll') ?? element;
    const before = scroller.scrollTop;
    scroller.scrollTop = top ? 0 : before + scroller.clientHeight;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const view = scroller.getBoundingClientRect();
    const points = [...element.querySelectorAll('.message-body, img')].flatMap((target) => {
      // Rows come and go as the windowed log scrolls: a target is known by its message and place in it.
      const row = target.closest('.message');
      const index = `${row?.id ?? ''} ${[...(row?.querySelectorAll('.message-body, img') ?? [])].indexOf(target)}`;
      const rect = target.getBoundingClientRect();
      const y = Math.max(rect.top, view.top) + 2;
      return rect.bottom > view.top && rect.top < view.bottom - 4 ? [{ index, x: rect.left + Math.min(rect.width / 2, 40), y }] : [];
    });
    return { points, moved: top || scroller.scrollTop !== before, at: scroller.scrollTop };
  }, first);
  const hovered = new Set<string>();
  let screens = 0;
  for (let current = await screen(true); current.moved; current = await screen(false)) {
    screens++;
    await onScreen();
    // Looking (clicking a link below the view scrolls to it) must not skip rows: back to this screen.
    await log.evaluate((element, at) => { (element.closest('.log-scroll') ?? element).scrollTop = at; }, current.at);
    for (const point of current.points) {
      if (hovered.has(point.index)) continue;
      hovered.add(point.index);
      await page.mouse.move(point.x, point.y);
    }
  }
  return { screens, hovered: hovered.size };
}

/** How long reading or clicking one link may wait for its row (a row that went is retried on a later screen). */
const LINK_STEP_MS = 10_000;

/** The schemes a link in a message may have (independent of the app's list). */
const SAFE_LINK = /^(?:https?|mailto|xmpp|ircs?|matrix):/;

/** Where a link really goes, as the Open link dialog must name it: the host, or the address. */
function destination(href: string): string {
  const url = new URL(href);
  return url.host !== '' ? url.host : decodeURIComponent(url.pathname);
}

/** Bidi controls and zero-width characters, which neither a message nor the dialog may show raw. */
const RAW_HIDDEN = /[\u200B-\u200D\u202A-\u202E\u2060-\u2069\uFEFF]/;

/**
 * Click every link in the log: each must have a safe scheme, must not navigate, and must
 * open the Open link dialog naming its real destination, without invisible characters,
 * and, when the link's text says something else, quoting that text exactly as the
 * message showed it (its hidden characters as the same markers).
 */
export async function clickEveryLink(page: Page, log: Locator, clicked: Set<string>): Promise<number> {
  // The log is windowed: clicking scrolls a link into view, and rows at the window's edges
  // come and go. So the screen's links are listed once, by message and place, the screen's
  // scroll position is restored before each, and a link whose row has gone since is left for
  // the screen that shows it again (it is not marked clicked).
  const { keys, at } = await log.evaluate((element) => ({
    keys: [...element.querySelectorAll('a')].map((link) => {
      const row = link.closest('.message');
      return { id: row?.id ?? '', index: [...(row?.querySelectorAll('a') ?? [])].indexOf(link) };
    }),
    at: (element.closest('.log-scroll') ?? element).scrollTop,
  }));
  const dialog = page.getByRole('dialog', { name: 'Open link' });
  let done = 0;
  for (const { id, index } of keys) {
    const key = `${id} ${index}`;
    if (id === '' || clicked.has(key)) continue;
    await log.evaluate((element, top) => { (element.closest('.log-scroll') ?? element).scrollTop = top; }, at);
    const link = log.locator(`[id=${JSON.stringify(id)}]`).locator('a').nth(index);
    // The row may go between listing and clicking (a row above measured, the window moved):
    // a link already gone is left for later at once, and each step waits a bounded time.
    if (await link.count() === 0) continue;
    const read = await link.evaluate((element) => ({ href: element.getAttribute('href') ?? '', shown: element.textContent.trim() }),
      undefined, { timeout: LINK_STEP_MS }).catch(() => undefined);
    if (read === undefined) continue;
    const { href, shown } = read;
    expect(href, 'a link with a dangerous scheme').toMatch(SAFE_LINK);
    expect(shown, `the text of the link to ${href}`).not.toMatch(RAW_HIDDEN);
    const wasClicked = await link.click({ timeout: LINK_STEP_MS }).then(() => true, async (error: unknown) => {
      if (await link.count() > 0) throw error;
      return false;
    });
    if (!wasClicked) continue;
    clicked.add(key);
    done++;
    await expect(dialog.locator('.link-destination')).toHaveText(destination(href));
    const address = await dialog.locator('.link-address').textContent() ?? '';
    expect(address).not.toMatch(/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/);
    if (shown !== address && shown !== destination(href)) {
      await expect(dialog.locator('.link-shown-text'), `the quote of the link to ${href}`).toHaveText(shown);
    } else {
      await expect(dialog.locator('.link-shown-as')).toHaveCount(0);
    }
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
  }
  return done;
}

/**
 * Proves the sentinel detector works in this page (a detector that cannot fire would make
 * every run pass): set it from the test, see it recorded, then forget it.
 */
export async function selfTestSentinel(page: Page, watch: XssWatch): Promise<void> {
  await page.evaluate((name) => {
    (window as unknown as Record<string, unknown>)[name] = 'self-test';
  }, SENTINEL);
  await expect.poll(() => watch.sentinel).toEqual(['self-test']);
  watch.sentinel.length = 0;
}
