/**
 * A polite live region that reads out new messages of the open conversation (announcements.ts
 * decides which). Empty when a conversation opens: its history is on screen, not news.
 * Visually hidden; the log itself is what sighted users read.
 */
import { useState } from 'react';
import { nextAnnouncement, startAnnouncing, type AnnouncerState } from '../state/announcements.js';
import type { ConversationMessages } from '../state/messages.js';
import { emptyConversationMessages } from '../state/messages.js';
import { useAppStore } from './AppContext.js';

export function NewMessageAnnouncer({ conversationId }: { readonly conversationId: number }) {
  const entry = useAppStore('messages', (state) => state.byConversation.get(conversationId)) ?? emptyConversationMessages;
  const [seen, setSeen] = useState<{ readonly announcer: AnnouncerState; readonly entry: ConversationMessages }>(
    () => ({ announcer: startAnnouncing(conversationId, entry), entry }));
  // Worked out while rendering, from the messages this render has (React's "adjusting state when a prop changes").
  let { announcer } = seen;
  if (seen.entry !== entry || announcer.conversationId !== conversationId) {
    announcer = announcer.conversationId === conversationId ? nextAnnouncement(announcer, entry) : startAnnouncing(conversationId, entry);
    setSeen({ announcer, entry });
  }
  const { text } = announcer;
  return <div className="visually-hidden new-message-announcer" aria-live="polite" aria-atomic="true">{text}</div>;
}
