/** Actions over fresh stores and a scripted bridge client, for the renderer's state tests. */
import { vi } from 'vitest';
import { BridgeRequestError } from '../../electron/bridge/client.js';
import type { RequestName, RequestParams, RequestResult } from '../../electron/bridge/contract.js';
import type { Capabilities } from './capabilities.js';
import { createActions, type Platform } from './actions.js';
import type { BridgeApi } from './connection.js';
import type { NotificationHost } from './notificationActions.js';
import { createStores } from './stores.js';
import { account, conversation, richPlugin } from './testData.js';

export type Handler = (params: unknown) => unknown;

/** A platform without notifications until a test says otherwise (see notificationActions.test.ts). */
export function fakeNotifications(overrides: Partial<NotificationHost> = {}): NotificationHost {
  return {
    permission: () => 'default', requestPermission: () => Promise.resolve('granted'), show: vi.fn(),
    windowFocused: () => true, focusWindow: vi.fn(), readChoice: () => false, writeChoice: vi.fn(), playSound: vi.fn(), ...overrides,
  };
}

/** One account ('acc-1', rich plugin) with conversation 1 open and active; unanswered requests reject as not supported. */
export function setupActions(
  handlers: Partial<Record<RequestName, Handler>> = {}, capabilities: Capabilities = richPlugin.capabilities, notifications = fakeNotifications(),
) {
  const stores = createStores();
  const calls: [RequestName, unknown][] = [];
  const client: BridgeApi = {
    request: <N extends RequestName>(method: N, params: RequestParams<N>) => {
      calls.push([method, params]);
      const handler = handlers[method];
      if (!handler) return Promise.reject(new BridgeRequestError({ kind: 'not-supported', message: `${method} is not supported yet` }));
      try {
        return Promise.resolve(handler(params) as RequestResult<N>);
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
  };
  stores.connection.setState({ status: 'connected', client });
  stores.plugins.setState({ list: [{ ...richPlugin, capabilities }] });
  stores.accounts.setState({ list: [account({ pluginId: 'rich' })] });
  stores.conversations.setState({ byId: new Map([[1, conversation({ id: 1, capabilities })]]), tabs: [1], activeId: 1 });
  const readAsBase64 = vi.fn((_file: Blob) => Promise.resolve('aGk='));
  const platform: Platform = { openUrl: vi.fn(), now: () => 5000, readAsBase64, notifications };
  const actions = createActions(stores, platform);
  return { stores, actions, calls, platform, readAsBase64, methods: () => calls.map(([method]) => method) };
}
