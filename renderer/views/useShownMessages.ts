/**
 * A conversation's loaded messages as the log shows them: join, part and quit lines filtered
 * by the user's setting (membershipLines.ts), replies in threads left to their thread (threads.ts).
 */
import { useMemo } from 'react';
import { emptyConversationMessages, type ConversationMessages } from '../state/messages.js';
import { filterMembershipLines } from '../state/membershipLines.js';
import { withoutThreadReplies } from '../state/threads.js';
import { useAppStore } from './AppContext.js';

export function useShownMessages(conversationId: number): ConversationMessages {
  const entry = useAppStore('messages', (state) => state.byConversation.get(conversationId)) ?? emptyConversationMessages;
  const mode = useAppStore('preferences', (state) => state.preferences.membershipLines);
  return useMemo(() => {
    const items = filterMembershipLines(withoutThreadReplies(entry.items), mode);
    return items === entry.items ? entry : { ...entry, items };
  }, [entry, mode]);
}
