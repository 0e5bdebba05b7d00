/**
 * What an account or a conversation can do. A conversation carries its own capabilities (the
 * plugin's, with the conversation's overrides); a core that does not send them yet falls
 * back to the plugin's. Absent means "no", as in the plugin API.
 */
import type { AccountView, ConversationView, PluginView } from '../../electron/bridge/schemas.js';
import { findPlugin } from './accounts.js';

export type Capabilities = PluginView['capabilities'];
export type Capability = keyof Capabilities;
export type PluginCommandView = NonNullable<PluginView['commands']>[number];

export function pluginOfAccount(accounts: readonly AccountView[], plugins: readonly PluginView[], accountId: string): PluginView | undefined {
  const account = accounts.find((item) => item.id === accountId);
  return account ? findPlugin(plugins, account.pluginId) : undefined;
}

export function accountCan(accounts: readonly AccountView[], plugins: readonly PluginView[], accountId: string, capability: Capability): boolean {
  return pluginOfAccount(accounts, plugins, accountId)?.capabilities[capability] === true;
}

export function anyAccountCan(accounts: readonly AccountView[], plugins: readonly PluginView[], capability: Capability): boolean {
  return accounts.some((account) => findPlugin(plugins, account.pluginId)?.capabilities[capability] === true);
}

export function conversationCapabilities(
  conversation: ConversationView, accounts: readonly AccountView[], plugins: readonly PluginView[],
): Capabilities {
  return conversation.capabilities ?? pluginOfAccount(accounts, plugins, conversation.accountId)?.capabilities ?? {};
}

/** The slash commands the conversation's plugin adds. */
export function conversationCommands(
  conversation: ConversationView, accounts: readonly AccountView[], plugins: readonly PluginView[],
): readonly PluginCommandView[] {
  return pluginOfAccount(accounts, plugins, conversation.accountId)?.commands ?? [];
}
