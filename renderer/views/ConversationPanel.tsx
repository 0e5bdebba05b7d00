/** The active tab's panel: header, messages, typing notice, members (rooms) and composer (none in a room not joined). */
import { useCallback, useState } from 'react';
import type { ConversationView, MessageView } from '../../electron/bridge/schemas.js';
import { typingNames, typingText } from '../state/typing.js';
import { useAppStore } from './AppContext.js';
import { Composer } from './Composer.js';
import { ConversationHeader } from './ConversationHeader.js';
import { panelId, tabId } from './ConversationTabs.js';
import { MemberList } from './MemberList.js';
import { MessageLog } from './MessageLog.js';
import { NewMessageAnnouncer } from './NewMessageAnnouncer.js';
import { NotJoinedBar } from './NotJoinedBar.js';
import { ThreadPanel } from './ThreadPanel.js';
import { useConversationAccount, useConversationCapabilities } from './useConversation.js';

function TypingNotice({ conversationId }: { readonly conversationId: number }) {
  const typing = useAppStore('typing', (state) => state.byConversation.get(conversationId));
  const members = useAppStore('members', (state) => state.byRoom.get(conversationId));
  const text = typingText(typingNames(typing, (id) => members?.byId.get(id)?.displayName ?? id));
  return <p className="typing" role="status">{text}</p>;
}

export function ConversationPanel({ conversation }: { readonly conversation: ConversationView }) {
  const capabilities = useConversationCapabilities(conversation.id);
  const selfId = useConversationAccount(conversation.id)?.selfId;
  const [threadRootId, setThreadRootId] = useState<number | null>(null);
  // The root as stored now (an edit or reaction shows), while it is loaded.
  const threadRoot = useAppStore('messages', (state) => (threadRootId === null ? undefined
    : state.byConversation.get(conversation.id)?.items.find((message) => message.id === threadRootId)));
  const openThread = useCallback((message: MessageView) => setThreadRootId(message.id), []);
  return (
    <section role="tabpanel" id={panelId(conversation.id)} aria-labelledby={tabId(conversation.id)} className="conversation">
      <ConversationHeader conversation={conversation} capabilities={capabilities} />
      <div className="conversation-body">
        <div className="conversation-main">
          <MessageLog conversation={conversation} onOpenThread={openThread} />
          <NewMessageAnnouncer conversationId={conversation.id} />
          <TypingNotice conversationId={conversation.id} />
          {conversation.kind === 'room' && !conversation.joined ? <NotJoinedBar conversation={conversation} /> : <Composer conversationId={conversation.id} />}
        </div>
        {threadRoot ? <ThreadPanel key={threadRoot.id} root={threadRoot} onClose={() => setThreadRootId(null)} /> : null}
        {conversation.kind === 'room' ? <MemberList conversationId={conversation.id} canKick={capabilities.kicks === true} selfId={selfId}
          blockAccountId={capabilities.blockMembers === true ? conversation.accountId : undefined} capabilities={capabilities} /> : null}
      </div>
    </section>
  );
}
