/** The whole app over fresh stores, with the core's answers given per request (for jsdom tests). */
import { BridgeRequestError } from '../../electron/bridge/client.js';
import type { RequestName } from '../../electron/bridge/contract.js';
import type { Capabilities } from '../state/capabilities.js';
import type { Stores } from '../state/stores.js';
import { account, conversation, richPlugin } from '../state/testData.js';
import { App } from './App.js';
import { renderWithApp, type Harness } from './testHarness.js';

export type Answers = Partial<Record<RequestName, (params: unknown) => unknown>>;

/** A request without an answer is refused as "not supported", with the core's words. */
export function answering(answers: Answers) {
  return (method: RequestName, params: unknown): Promise<unknown> => {
    const answer = answers[method];
    if (!answer) return Promise.reject(new BridgeRequestError({ kind: 'not-supported', message: `${method}: not supported yet` }));
    try {
      return Promise.resolve(answer(params));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };
}

/**
 * The app with one online account ('acc-1', selfId 'me') of a plugin with `capabilities` and
 * one room, #room (id 1), in a tab that is not active yet.
 */
export function renderRoomApp(answers: Answers, capabilities: Capabilities = richPlugin.capabilities, prepare?: (stores: Stores) => void): Harness {
  const all: Answers = { 'conversations.markRead': () => null, 'members.list': () => [], 'messages.list': () => [], ...answers };
  return renderWithApp(<App />, answering(all), (stores) => {
    stores.plugins.setState({ list: [{ ...richPlugin, capabilities }] });
    stores.accounts.setState({ list: [account({ pluginId: 'rich', label: 'me@example.org', selfId: 'me' })] });
    stores.conversations.setState({ byId: new Map([[1, conversation({ id: 1, title: '#room', capabilities })]]), tabs: [1], activeId: null });
    prepare?.(stores);
  });
}
