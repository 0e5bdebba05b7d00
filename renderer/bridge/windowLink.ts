/**
 * Tabs in several windows. The main window can move a tab into a new window of its own (the
 * same page with `?window=…`, windowPlace.ts); that window shows only its tabs, keeps them in
 * its sessionStorage (so a reload keeps them, and closing the window forgets them) and can
 * hand a tab back ("Move to main window"). Every window has its own bridge session, so what
 * one sends or receives reaches every other through the core's events.
 *
 * When a moved-to window closes, its tabs come back to the main window: the main window holds
 * the handle `window.open` gave it and notices `closed` (a reload is no close); a window it has
 * no handle for (the main window reloaded since) says "gone" as its page goes, and its tabs
 * come back unless it says "here" again within a few seconds (it was only reloading).
 */
import { closeTab, type ConversationsState } from '../state/conversations.js';
import type { Stores } from '../state/stores.js';
import { WINDOW_CHANNEL, detachedWindowUrl, readWindowMessage, windowPlaceOf, type WindowMessage, type WindowPlace } from '../state/windowPlace.js';

/** What the tab strip offers, per window. */
export interface WindowControls {
  readonly place: WindowPlace;
  /** Main window: moves the tab into a new window; false when the browser refused to open one. */
  moveToNewWindow(conversationId: number): boolean;
  /**
   * A moved-to window: gives the tab back to the main window (this window closes with its last
   * tab); false when no main window answered (it was closed), and the tab stays here.
   */
  moveToMainWindow(conversationId: number): Promise<boolean>;
  stop(): void;
}

export interface ChannelLike {
  postMessage(message: WindowMessage): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  close(): void;
}

export interface OpenedWindow {
  readonly closed: boolean;
}

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The browser's parts, handed in so tests can use fakes. */
export interface WindowHost {
  readonly href: string;
  readonly channel: ChannelLike | undefined;
  readonly sessionStorage: StorageLike | undefined;
  open(url: string, name: string): OpenedWindow | null;
  closeSelf(): void;
  focusSelf(): void;
  newWindowId(): string;
  every(callback: () => void, ms: number): () => void;
  after(callback: () => void, ms: number): () => void;
  onPageHide(callback: () => void): void;
}

export interface WindowLinkOptions {
  readonly stores: Pick<Stores, 'conversations'>;
  /** Shows a conversation (loads its messages); the main window shows a tab handed back with it. */
  readonly activate: (conversationId: number) => void;
  readonly host: WindowHost;
}

/** How often the main window looks whether a moved-to window was closed. */
export const CLOSED_POLL_MS = 1000;
/** How long a window without a handle may take to reload before its tabs come back. */
export const RELOAD_GRACE_MS = 4000;
/** How long "Move to main window" waits for the main window to answer. */
export const ADOPT_WAIT_MS = 3000;

function storageKey(windowId: string): string {
  return `switchboard.windowTabs.${windowId}`;
}

/** The state with these tabs added at the end (those it has not), the active tab unchanged unless there was none. */
export function withTabs(state: ConversationsState, ids: readonly number[]): ConversationsState {
  const added = ids.filter((id, index) => state.byId.has(id) && !state.tabs.includes(id) && ids.indexOf(id) === index);
  if (added.length === 0) return state;
  return { ...state, tabs: [...state.tabs, ...added], activeId: state.activeId ?? added[0] ?? null };
}

export function startWindowLink(options: WindowLinkOptions): WindowControls {
  const place = windowPlaceOf(options.host.href);
  return place.kind === 'main' ? mainWindow(options, place) : detachedWindow(options, place);
}

interface Held {
  tabs: readonly number[];
  readonly handle: OpenedWindow | undefined;
  cancelGrace: (() => void) | undefined;
}

function mainWindow({ stores, activate, host }: WindowLinkOptions, place: WindowPlace): WindowControls {
  const held = new Map<string, Held>();
  const conversations = stores.conversations;
  const giveBack = (windowId: string): void => {
    const entry = held.get(windowId);
    if (!entry) return;
    held.delete(windowId);
    entry.cancelGrace?.();
    conversations.setState(withTabs(conversations.getState(), entry.tabs), true);
  };
  const stopPolling = host.every(() => {
    for (const [windowId, entry] of [...held]) if (entry.handle?.closed === true) giveBack(windowId);
  }, CLOSED_POLL_MS);
  /**
   * Tabs other windows said they hold while this one (re)loaded: the conversation list gives
   * every conversation a tab when it arrives, so they are taken out of this strip then, once.
   */
  let elsewhere = new Set<number>();
  const closeElsewhere = (): void => {
    const state = conversations.getState();
    if (elsewhere.size === 0 || state.byId.size === 0) return;
    const ids = [...elsewhere];
    elsewhere = new Set();
    let next = state;
    for (const id of ids) next = closeTab(next, id);
    if (next !== state) conversations.setState(next, true);
  };
  const unsubscribe = conversations.subscribe(closeElsewhere);

  host.channel?.addEventListener('message', (event) => {
    const message = readWindowMessage(event.data);
    if (!message) return;
    switch (message.type) {
      case 'tabs':
      case 'here': {
        const entry = held.get(message.windowId);
        entry?.cancelGrace?.();
        held.set(message.windowId, { tabs: message.tabs, handle: entry?.handle, cancelGrace: undefined });
        // An answer to this window's "who" as it (re)loaded: those tabs are in that window.
        if (message.type === 'here') {
          for (const id of message.tabs) elsewhere.add(id);
          closeElsewhere();
        }
        return;
      }
      case 'gone': {
        const entry = held.get(message.windowId);
        if (!entry || entry.handle) return;
        entry.cancelGrace?.();
        entry.cancelGrace = host.after(() => giveBack(message.windowId), RELOAD_GRACE_MS);
        return;
      }
      case 'adopt': {
        conversations.setState(withTabs(conversations.getState(), message.tabs), true);
        const first = message.tabs.find((id) => conversations.getState().tabs.includes(id));
        if (first !== undefined) activate(first);
        host.channel?.postMessage({ type: 'adopted', windowId: message.windowId, tabs: message.tabs });
        host.focusSelf();
        return;
      }
      case 'who':
      case 'adopted':
        return;
    }
  });
  host.channel?.postMessage({ type: 'who' });

  return {
    place,
    moveToNewWindow: (conversationId) => {
      if (!conversations.getState().tabs.includes(conversationId) || host.channel === undefined) return false;
      const windowId = host.newWindowId();
      const handle = host.open(detachedWindowUrl(host.href, windowId, [conversationId]), windowId);
      if (handle === null) return false;
      held.set(windowId, { tabs: [conversationId], handle, cancelGrace: undefined });
      conversations.setState(closeTab(conversations.getState(), conversationId), true);
      return true;
    },
    moveToMainWindow: () => Promise.resolve(false),
    stop: () => {
      stopPolling();
      unsubscribe();
      for (const entry of held.values()) entry.cancelGrace?.();
      host.channel?.close();
    },
  };
}

function readSaved(storage: StorageLike | undefined, windowId: string): number[] | undefined {
  const text = storage?.getItem(storageKey(windowId));
  if (text === null || text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((id): id is number => Number.isSafeInteger(id)) : undefined;
  } catch {
    return undefined;
  }
}

function detachedWindow({ stores, host }: WindowLinkOptions, place: Extract<WindowPlace, { kind: 'detached' }>): WindowControls {
  const { windowId } = place;
  const conversations = stores.conversations;
  const tabs = readSaved(host.sessionStorage, windowId) ?? [...place.tabs];
  conversations.setState({ ...conversations.getState(), detached: true, tabs, activeId: tabs[0] ?? null }, true);

  let announced: readonly number[] | undefined;
  const announce = (): void => {
    const current = conversations.getState().tabs;
    if (current === announced) return;
    announced = current;
    host.sessionStorage?.setItem(storageKey(windowId), JSON.stringify(current));
    host.channel?.postMessage({ type: 'tabs', windowId, tabs: current });
  };
  const unsubscribe = conversations.subscribe(announce);
  // Opened or reloaded: the main window learns this window is here (and what it holds).
  host.channel?.postMessage({ type: 'tabs', windowId, tabs });
  announced = conversations.getState().tabs;
  host.sessionStorage?.setItem(storageKey(windowId), JSON.stringify(announced));
  const pending = new Set<{ readonly conversationId: number; done(taken: boolean): void }>();
  host.channel?.addEventListener('message', (event) => {
    const message = readWindowMessage(event.data);
    if (message?.type === 'who') host.channel?.postMessage({ type: 'here', windowId, tabs: conversations.getState().tabs });
    if (message?.type === 'adopted' && message.windowId === windowId) {
      for (const waiting of [...pending]) if (message.tabs.includes(waiting.conversationId)) waiting.done(true);
    }
  });
  host.onPageHide(() => host.channel?.postMessage({ type: 'gone', windowId }));

  return {
    place,
    moveToNewWindow: () => false,
    moveToMainWindow: (conversationId) => new Promise<boolean>((resolve) => {
      if (!conversations.getState().tabs.includes(conversationId) || host.channel === undefined) {
        resolve(false);
        return;
      }
      const waiting = { conversationId, done: (taken: boolean): void => {
        pending.delete(waiting);
        cancel();
        if (taken) {
          conversations.setState(closeTab(conversations.getState(), conversationId), true);
          if (conversations.getState().tabs.length === 0) host.closeSelf();
        }
        resolve(taken);
      } };
      // Only the main window answers; without one (closed) the tab stays here.
      const cancel = host.after(() => waiting.done(false), ADOPT_WAIT_MS);
      pending.add(waiting);
      host.channel.postMessage({ type: 'adopt', windowId, tabs: [conversationId] });
    }),
    stop: () => {
      unsubscribe();
      host.channel?.close();
    },
  };
}

/** The real browser (or Electron renderer) behind WindowHost. */
export function browserWindowHost(page: Window): WindowHost {
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(WINDOW_CHANNEL) : undefined;
  return {
    href: page.location.href,
    channel: channel && {
      postMessage: (message) => channel.postMessage(message),
      addEventListener: (type, listener) => channel.addEventListener(type, listener),
      close: () => channel.close(),
    },
    sessionStorage: page.sessionStorage,
    // Not noopener: the handle tells this window when the other one is closed.
    open: (url, name) => page.open(url, name, 'popup,width=960,height=720'),
    closeSelf: () => page.close(),
    focusSelf: () => page.focus(),
    newWindowId: () => page.crypto.randomUUID(),
    every: (callback, ms) => {
      const timer = page.setInterval(callback, ms);
      return () => page.clearInterval(timer);
    },
    after: (callback, ms) => {
      const timer = page.setTimeout(callback, ms);
      return () => page.clearTimeout(timer);
    },
    onPageHide: (callback) => page.addEventListener('pagehide', callback),
  };
}
