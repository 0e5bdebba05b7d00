/**
 * Keeps the renderer connected to the core: opens a transport, loads the state, feeds
 * event batches to the stores, and when the link drops shows it and tries again every
 * two seconds with a fresh client (then reloads the state).
 */
import { BridgeClient } from '../../electron/bridge/client.js';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import { errorMessage, type Actions } from '../state/actions.js';
import { applyEventBatch } from '../state/applyEvents.js';
import type { BridgeApi } from '../state/connection.js';
import { resetContacts } from '../state/contacts.js';
import { resetConversations } from '../state/conversations.js';
import { resetPeople } from '../state/people.js';
import { resetRequests } from '../state/requests.js';
import type { Stores } from '../state/stores.js';
import type { SessionTransport } from './transports.js';

export interface SessionOptions {
  readonly stores: Stores;
  readonly actions: Actions;
  readonly createTransport: () => SessionTransport;
  readonly reconnectDelayMs?: number;
  /** Unread counts are reset only while the user can see the page. */
  readonly isPageVisible?: () => boolean;
  /** Called with each batch of live events once the stores have them (desktop notifications). */
  readonly onEvents?: (events: readonly BridgeEvent[]) => void;
  readonly setTimer?: (callback: () => void, ms: number) => unknown;
  readonly clearTimer?: (handle: unknown) => void;
}

export interface Session {
  /** Marks the active conversation read if the page is visible (call on visibility change). */
  pageShown(): void;
  stop(): void;
}

type Optional<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/**
 * The buddy list, its persons and open requests are loaded with the rest, but a core that cannot list
 * them (an older core, or one mid-upgrade) must not keep the whole window from working:
 * their failure is shown where they would be, and everything else goes on.
 */
function optional<T>(promise: Promise<T>): Promise<Optional<T>> {
  return promise.then((value) => ({ ok: true, value }), (error: unknown) => ({ ok: false, error: errorMessage(error) }));
}

function loadOptionalLists(client: BridgeApi) {
  return Promise.all([
    optional(client.request('contacts.list', {})), optional(client.request('requests.list', {})), optional(client.request('people.list', {})),
  ]);
}

export function startSession(options: SessionOptions): Session {
  const { stores, actions, createTransport } = options;
  const delay = options.reconnectDelayMs ?? 2000;
  const isVisible = options.isPageVisible ?? (() => true);
  const setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
  const clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  let stopped = false;
  let attempt = 0;
  let transport: SessionTransport | null = null;
  let timer: unknown = null;

  const applied = (events: readonly BridgeEvent[]): void => {
    applyEventBatch(stores, events);
    options.onEvents?.(events);
  };

  const markReadIfVisible = (): void => {
    if (isVisible()) actions.markActiveRead();
  };
  const unsubscribeConversations = stores.conversations.subscribe(markReadIfVisible);
  /** Back to a window that was hidden: what came meanwhile gets a "New messages" line. */
  const windowShown = (): void => {
    if (isVisible()) actions.markActiveRead('shown');
  };

  const scheduleReconnect = (): void => {
    if (stopped || timer !== null) return;
    timer = setTimer(() => {
      timer = null;
      connect();
    }, delay);
  };

  const lost = (current: number, reason: string): void => {
    if (current !== attempt || stopped) return;
    transport = null;
    stores.connection.setState({ status: 'disconnected', client: null, reason });
    scheduleReconnect();
  };

  function connect(): void {
    const current = ++attempt;
    // The status stays as it is ("connecting" at first, "disconnected" while retrying).
    stores.connection.setState({ client: null });
    const link = createTransport();
    transport = link;
    const client = new BridgeClient(link);
    link.onClose((reason) => lost(current, reason));
    // Events that arrive while the initial lists are in flight are applied after them.
    let buffered: BridgeEvent[] | null = [];
    client.subscribe((events) => {
      if (current !== attempt) return;
      if (buffered) buffered.push(...events);
      else applied(events);
    });
    Promise.all([
      client.request('plugins.list', {}),
      client.request('accounts.list', {}),
      client.request('conversations.list', {}),
      loadOptionalLists(client),
      optional(client.request('storage.state', {})),
      optional(client.request('preferences.get', {})),
      optional(Promise.all([client.request('groups.list', {}), client.request('people.suggestions', {})])),
    ]).then(([plugins, accounts, conversations, [contacts, requests, people], storage, preferences, groups]) => {
      if (current !== attempt || stopped) return;
      stores.plugins.setState({ list: plugins });
      stores.accounts.setState({ list: accounts });
      stores.conversations.setState(resetConversations(stores.conversations.getState(), conversations));
      stores.contacts.setState(contacts.ok ? resetContacts(contacts.value) : { byKey: new Map(), loadError: contacts.error }, true);
      stores.people.setState(people.ok ? resetPeople(people.value) : { byId: new Map(), loadError: people.error }, true);
      stores.requests.setState(requests.ok ? resetRequests(requests.value) : { list: [], loadError: requests.error }, true);
      // A core without it (an older one) takes writes as far as this window can tell.
      stores.storage.setState({ status: storage.ok ? storage.value : { state: 'ok' } }, true);
      if (preferences.ok) stores.preferences.setState({ preferences: preferences.value }, true);
      if (groups.ok) stores.groups.setState({ list: groups.value[0], suggestions: groups.value[1] }, true);
      stores.connection.setState({ status: 'connected', client });
      const pending = buffered ?? [];
      buffered = null;
      if (pending.length > 0) applied(pending);
      actions.reloadActive();
      markReadIfVisible();
    }, (error: unknown) => {
      if (current !== attempt || stopped) return;
      link.close();
      lost(current, errorMessage(error));
    });
  }

  connect();

  return {
    pageShown: windowShown,
    stop: () => {
      stopped = true;
      unsubscribeConversations();
      if (timer !== null) clearTimer(timer);
      transport?.close();
      transport = null;
    },
  };
}
