import { describe, expect, it, vi } from 'vitest';
import { createConversationsStore, resetConversations } from '../state/conversations.js';
import { conversation } from '../state/testData.js';
import { detachedWindowUrl, readWindowMessage, windowPlaceOf, type WindowMessage } from '../state/windowPlace.js';
import { startWindowLink, type ChannelLike, type OpenedWindow, type WindowHost } from './windowLink.js';

const PAGE = 'http://127.0.0.1:4000/secret-token/';
const list = [1, 2, 3].map((id) => conversation({ id, networkId: `#${id}`, title: `#${id}` }));

/** BroadcastChannel between the windows of one test: delivered later, as a copy, to every other window. */
class Bus {
  private readonly listeners = new Set<{ listener: (event: { data: unknown }) => void }>();
  channel(): ChannelLike {
    const own = { listener: (_event: { data: unknown }): void => undefined };
    let open = true;
    return {
      postMessage: (message: WindowMessage) => {
        const copy: unknown = JSON.parse(JSON.stringify(message));
        for (const other of [...this.listeners]) if (other !== own) setTimeout(() => other.listener({ data: copy }), 0);
      },
      addEventListener: (_type, listener) => {
        own.listener = listener;
        if (open) this.listeners.add(own);
      },
      close: () => {
        open = false;
        this.listeners.delete(own);
      },
    };
  }
}

/** Lets every message in flight arrive, answers to answers included. */
async function flush(): Promise<void> {
  for (let round = 0; round < 4; round++) await new Promise((resolve) => setTimeout(resolve, 0));
}

interface FakeWindow extends WindowHost {
  readonly opened: { url: string; name: string; handle: { closed: boolean } }[];
  readonly storage: Map<string, string>;
  tick(): void;
  elapse(): void;
  hide(): void;
  readonly closeSelf: ReturnType<typeof vi.fn<() => void>>;
  readonly focusSelf: ReturnType<typeof vi.fn<() => void>>;
}

function fakeWindow(bus: Bus, href: string, storage = new Map<string, string>()): FakeWindow {
  const intervals: (() => void)[] = [];
  let timeouts: (() => void)[] = [];
  const hides: (() => void)[] = [];
  const opened: FakeWindow['opened'] = [];
  let ids = 0;
  return {
    href,
    channel: bus.channel(),
    sessionStorage: { getItem: (key) => storage.get(key) ?? null, setItem: (key, value) => storage.set(key, value) },
    storage,
    opened,
    open: (url, name): OpenedWindow => {
      const handle = { closed: false };
      opened.push({ url, name, handle });
      return handle;
    },
    closeSelf: vi.fn<() => void>(),
    focusSelf: vi.fn<() => void>(),
    newWindowId: () => `w${++ids}`,
    every: (callback) => {
      intervals.push(callback);
      return () => intervals.splice(intervals.indexOf(callback), 1);
    },
    after: (callback) => {
      timeouts.push(callback);
      return () => { timeouts = timeouts.filter((other) => other !== callback); };
    },
    onPageHide: (callback) => hides.push(callback),
    tick: () => { for (const callback of [...intervals]) callback(); },
    elapse: () => {
      const due = timeouts;
      timeouts = [];
      for (const callback of due) callback();
    },
    hide: () => { for (const callback of hides) callback(); },
  };
}

/** A window's stores, its link, and the conversation list loaded as the session does. */
function openWindow(bus: Bus, href: string, storage?: Map<string, string>) {
  const host = fakeWindow(bus, href, storage);
  const stores = { conversations: createConversationsStore() };
  const activate = vi.fn((id: number) => stores.conversations.setState({ ...stores.conversations.getState(), activeId: id }));
  const link = startWindowLink({ stores, activate, host });
  const load = (): void => stores.conversations.setState(resetConversations(stores.conversations.getState(), list));
  const tabs = (): readonly number[] => stores.conversations.getState().tabs;
  return { host, stores, activate, link, load, tabs };
}

/** The main window with #1…#3, and #2 moved into a window of its own. */
async function movedOut() {
  const bus = new Bus();
  const main = openWindow(bus, PAGE);
  main.load();
  expect(main.link.moveToNewWindow(2)).toBe(true);
  const [opened] = main.host.opened;
  if (!opened) throw new Error('no window opened');
  const other = openWindow(bus, opened.url);
  other.load();
  await flush();
  return { bus, main, other, handle: opened.handle, url: opened.url };
}

describe('moving tabs between windows', () => {
  it('opens the same page with a window id and the tab, which only that window shows', async () => {
    const { main, other, url } = await movedOut();
    expect(url).toBe('http://127.0.0.1:4000/secret-token/?window=w1&tabs=2');
    expect(main.host.opened[0]?.name).toBe('w1');
    expect(main.tabs()).toEqual([1, 3]);
    expect(other.link.place).toEqual({ kind: 'detached', windowId: 'w1', tabs: [2] });
    expect(other.tabs()).toEqual([2]);
    expect(other.stores.conversations.getState().activeId).toBe(2);
    // A conversation that appears later gets its tab in the main window only.
    const events = [{ type: 'conversation.changed' as const, payload: { conversation: conversation({ id: 4, networkId: '#4' }) } }];
    const { applyConversationEvents } = await import('../state/conversations.js');
    other.stores.conversations.setState(applyConversationEvents(other.stores.conversations.getState(), events));
    main.stores.conversations.setState(applyConversationEvents(main.stores.conversations.getState(), events));
    expect(other.tabs()).toEqual([2]);
    expect(main.tabs()).toEqual([1, 3, 4]);
  });

  it('gives a closed window\'s tabs back to the main window, the ones opened there too', async () => {
    const { main, other, handle } = await movedOut();
    const { showTab } = await import('../state/conversations.js');
    other.stores.conversations.setState(showTab(other.stores.conversations.getState(), 1));
    await flush();
    main.host.tick();
    expect(main.tabs()).toEqual([1, 3]);
    handle.closed = true;
    main.host.tick();
    expect(main.tabs()).toEqual([1, 3, 2]);
    expect(main.stores.conversations.getState().activeId).toBe(1);
  });

  it('"Move to main window" shows the tab there and closes the window with its last tab', async () => {
    const { main, other } = await movedOut();
    const moved = other.link.moveToMainWindow(2);
    await flush();
    await expect(moved).resolves.toBe(true);
    expect(other.tabs()).toEqual([]);
    expect(other.host.closeSelf).toHaveBeenCalledTimes(1);
    expect(main.tabs()).toEqual([1, 3, 2]);
    expect(main.activate).toHaveBeenCalledWith(2);
    expect(main.host.focusSelf).toHaveBeenCalled();
  });

  it('keeps the tab when no main window answers "Move to main window" (it was closed)', async () => {
    const { main, other } = await movedOut();
    main.link.stop();
    const moved = other.link.moveToMainWindow(2);
    await flush();
    expect(other.tabs()).toEqual([2]);
    other.host.elapse();
    await expect(moved).resolves.toBe(false);
    expect(other.tabs()).toEqual([2]);
    expect(other.host.closeSelf).not.toHaveBeenCalled();
  });

  it('keeps a moved-to window\'s tabs over its reload', async () => {
    const { bus, main, other, url, handle } = await movedOut();
    other.link.stop();
    const again = openWindow(bus, url, other.host.storage);
    // Its address still names only #2; what it holds now comes from its session storage.
    again.stores.conversations.setState({ ...again.stores.conversations.getState(), tabs: [2, 3] });
    again.link.stop();
    const third = openWindow(bus, url, again.host.storage);
    third.load();
    expect(third.tabs()).toEqual([2, 3]);
    main.host.tick();
    expect(handle.closed).toBe(false);
    expect(main.tabs()).toEqual([1, 3]);
  });

  it('after the main window reloads, takes out the tabs another window holds, and gets them back when it closes', async () => {
    const { bus, main, other } = await movedOut();
    main.link.stop();
    const reloaded = openWindow(bus, PAGE);
    await flush();
    reloaded.load();
    expect(reloaded.tabs()).toEqual([1, 3]);
    // Only reloading: it says "here" again in time, and keeps its tab.
    other.host.hide();
    await flush();
    other.host.channel?.postMessage({ type: 'tabs', windowId: 'w1', tabs: [2] });
    await flush();
    reloaded.host.elapse();
    expect(reloaded.tabs()).toEqual([1, 3]);
    // Closed: the main window has no handle on it, so "gone" and silence give the tab back.
    other.host.hide();
    await flush();
    reloaded.host.elapse();
    expect(reloaded.tabs()).toEqual([1, 3, 2]);
  });

  it('reads only well-formed addresses and messages', () => {
    expect(windowPlaceOf('http://h/t/?window=../x&tabs=1')).toEqual({ kind: 'main' });
    expect(windowPlaceOf('http://h/t/?window=ab&tabs=1,x,3')).toEqual({ kind: 'detached', windowId: 'ab', tabs: [1, 3] });
    expect(detachedWindowUrl('app://switchboard/index.html?open=xmpp:a#frag', 'ab', [4, 5])).toBe('app://switchboard/index.html?window=ab&tabs=4%2C5');
    expect(readWindowMessage({ type: 'adopt', windowId: 'ab', tabs: [1, 2] })).toEqual({ type: 'adopt', windowId: 'ab', tabs: [1, 2] });
    expect(readWindowMessage({ type: 'adopt', windowId: 'ab', tabs: ['1'] })).toBeUndefined();
    expect(readWindowMessage({ type: 'tabs', windowId: 'a b', tabs: [] })).toBeUndefined();
    expect(readWindowMessage({ type: 'gone', windowId: 'ab' })).toEqual({ type: 'gone', windowId: 'ab' });
    expect(readWindowMessage('who')).toBeUndefined();
  });
});
