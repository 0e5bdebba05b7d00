/** A conversation's account and capabilities, for views that get only its id. */
import { useMemo } from 'react';
import type { AccountView } from '../../electron/bridge/schemas.js';
import { conversationCapabilities, type Capabilities } from '../state/capabilities.js';
import { useAppStore } from './AppContext.js';

const NONE: Capabilities = {};

export function useConversationCapabilities(conversationId: number): Capabilities {
  const conversation = useAppStore('conversations', (state) => state.byId.get(conversationId));
  const accounts = useAppStore('accounts', (state) => state.list);
  const plugins = useAppStore('plugins', (state) => state.list);
  return useMemo(() => (conversation ? conversationCapabilities(conversation, accounts, plugins) : NONE), [conversation, accounts, plugins]);
}

export function useConversationAccount(conversationId: number): AccountView | undefined {
  const accountId = useAppStore('conversations', (state) => state.byId.get(conversationId)?.accountId);
  return useAppStore('accounts', (state) => state.list.find((account) => account.id === accountId));
}
