/**
 * Which window this page is: the main window, or one a tab was moved into ("Move to new
 * window"). A moved-to window is the same page with `?window=<id>&tabs=<ids>` in its address
 * (headless mode: the token's page; the desktop app: app://switchboard/index.html), so it
 * opens its own bridge session like any window. The windows talk to each other over a
 * BroadcastChannel with the messages below (windowLink.ts).
 */
import { TAB_WINDOW_ID as WINDOW_ID, TAB_WINDOW_PARAM, TAB_WINDOW_TABS_PARAM } from '../../electron/bridge/tabWindow.js';

export type WindowPlace =
  | { readonly kind: 'main' }
  | { readonly kind: 'detached'; readonly windowId: string; readonly tabs: readonly number[] };


function idList(text: string | null): number[] {
  if (text === null || text === '') return [];
  return text.split(',').map(Number).filter((id) => Number.isSafeInteger(id));
}

/** Reads the page's address; anything malformed is the main window. */
export function windowPlaceOf(href: string): WindowPlace {
  const url = new URL(href);
  const windowId = url.searchParams.get(TAB_WINDOW_PARAM);
  if (windowId === null || !WINDOW_ID.test(windowId)) return { kind: 'main' };
  return { kind: 'detached', windowId, tabs: idList(url.searchParams.get(TAB_WINDOW_TABS_PARAM)) };
}

/** The address of a new window holding `tabs`, next to the page at `href` (same token, same origin). */
export function detachedWindowUrl(href: string, windowId: string, tabs: readonly number[]): string {
  const url = new URL(href);
  url.search = '';
  url.hash = '';
  url.searchParams.set(TAB_WINDOW_PARAM, windowId);
  url.searchParams.set(TAB_WINDOW_TABS_PARAM, tabs.join(','));
  return url.toString();
}

/** The name of the channel every window of one page origin listens on. */
export const WINDOW_CHANNEL = 'switchboard-windows';

/** What windows tell each other. */
export type WindowMessage =
  /** A moved-to window's tabs, whenever they change. */
  | { readonly type: 'tabs'; readonly windowId: string; readonly tabs: readonly number[] }
  /** The main window (re)loaded: moved-to windows say which tabs they hold ("here"). */
  | { readonly type: 'who' }
  | { readonly type: 'here'; readonly windowId: string; readonly tabs: readonly number[] }
  /** A moved-to window's page is going away (closed, or reloading: "here" follows then). */
  | { readonly type: 'gone'; readonly windowId: string }
  /** "Move to main window": the main window takes these tabs, shows the first, and answers "adopted". */
  | { readonly type: 'adopt'; readonly windowId: string; readonly tabs: readonly number[] }
  | { readonly type: 'adopted'; readonly windowId: string; readonly tabs: readonly number[] };

function numbers(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((id) => Number.isSafeInteger(id));
}

/** A message from another window, checked (any page of the origin can post on the channel). */
export function readWindowMessage(data: unknown): WindowMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const type: unknown = Reflect.get(data, 'type');
  const windowId: unknown = Reflect.get(data, 'windowId');
  const tabs: unknown = Reflect.get(data, 'tabs');
  const validId = typeof windowId === 'string' && WINDOW_ID.test(windowId);
  switch (type) {
    case 'who': return { type };
    case 'tabs':
    case 'here':
    case 'adopt':
    case 'adopted': return validId && numbers(tabs) ? { type, windowId, tabs } : undefined;
    case 'gone': return validId ? { type, windowId } : undefined;
    default: return undefined;
  }
}
