/**
 * Every bridge request, mapped to the service that does the work. The compiler checks that
 * no request of the contract is left without a handler.
 */
import type { RequestHandlers } from '../../bridge/contract.js';
import type { PluginView } from '../../bridge/schemas.js';
import type { AccountManager } from '../accounts/accountManager.js';
import type { ConversationService } from '../conversations/conversationService.js';
import type { PluginRegistry } from '../plugins/pluginRegistry.js';
import type { EventBatcher } from './eventBatcher.js';

export interface HandlerDeps {
  readonly plugins: PluginRegistry;
  readonly accounts: AccountManager;
  readonly conversations: ConversationService;
  readonly events: EventBatcher;
}

export function createRequestHandlers(deps: HandlerDeps): RequestHandlers {
  return {
    'plugins.list': () => Promise.resolve(deps.plugins.list().map(({ manifest }): PluginView => ({
      id: manifest.id,
      name: manifest.name,
      version: manifest.version,
      ...(manifest.description !== undefined ? { description: manifest.description } : {}),
      capabilities: { ...manifest.capabilities },
      accountFields: manifest.accountFields.map((field) => ({ ...field })) as PluginView['accountFields'],
      accountLabelField: manifest.accountLabelField,
      ...(manifest.roomPlaceholder !== undefined ? { roomPlaceholder: manifest.roomPlaceholder } : {}),
    }))),
    'accounts.list': () => Promise.resolve(deps.accounts.list()),
    'accounts.add': ({ pluginId, settings }) => deps.accounts.add(pluginId, settings),
    'accounts.update': ({ accountId, settings }) => deps.accounts.update(accountId, settings),
    'accounts.remove': async ({ accountId }) => {
      const conversations = deps.conversations.list().filter((c) => c.accountId === accountId);
      await deps.accounts.remove(accountId);
      // Their rows went with the account; the UI closes their tabs.
      for (const { id } of conversations) deps.events.emit({ type: 'conversation.removed', payload: { conversationId: id } });
      return null;
    },
    'accounts.connect': ({ accountId }) => {
      deps.accounts.connect(accountId);
      return Promise.resolve(null);
    },
    'accounts.disconnect': async ({ accountId }) => {
      await deps.accounts.disconnect(accountId);
      return null;
    },
    'conversations.list': () => Promise.resolve(deps.conversations.list()),
    'conversations.joinRoom': ({ accountId, room, password }) => deps.conversations.joinRoom(accountId, room, password),
    'conversations.openDirect': ({ accountId, contactId }) => deps.conversations.openDirect(accountId, contactId),
    'conversations.leave': async ({ conversationId }) => {
      await deps.conversations.leave(conversationId);
      return null;
    },
    'conversations.markRead': ({ conversationId }) => {
      deps.conversations.markRead(conversationId);
      return Promise.resolve(null);
    },
    'messages.list': ({ conversationId, before, limit }) => Promise.resolve(deps.conversations.page(conversationId, limit, before)),
    'messages.send': ({ conversationId, body, kind }) => Promise.resolve(deps.conversations.send(conversationId, body, kind ?? 'text')),
    'members.list': ({ conversationId }) => Promise.resolve(deps.conversations.members(conversationId)),
  };
}
