/** The active tab's panel: header, messages, typing notice, members (rooms) and composer. */
import type { ConversationView } from '../../electron/bridge/schemas.js';
import { typingNames, typingText } from '../state/typing.js';
import { useAppStore } from './AppContext.js';
import { Composer } from './Composer.js';
import { panelId, tabId } from './ConversationTabs.js';
import { MemberList } from './MemberList.js';
import { MessageLog } from './MessageLog.js';

function TypingNotice({ conversationId }: { readonly conversationId: number }) {
  const typing = useAppStore('typing', (state) => state.byConversation.get(conversationId));
  const members = useAppStore('members', (state) => state.byRoom.get(conversationId));
  const text = typingText(typingNames(typing, (id) => members?.byId.get(id)?.displayName ?? id));
  return <p className="typing" role="status">{text}</p>;
}

export function ConversationPanel({ conversation }: { readonly conversation: ConversationView }) {
  return (
    <section role="tabpanel" id={panelId(conversation.id)} aria-labelledby={tabId(conversation.id)} className="conversation">
      <header className="conversation-header">
        <h2 className="conversation-title">
          {conversation.title}
          {conversation.encrypted === true ? <span className="encrypted-mark" title="Messages here are end-to-end encrypted"> <span aria-hidden="true">🔒</span> Encrypted</span> : null}
        </h2>
        {conversation.topic !== undefined && conversation.topic !== '' ? <p className="conversation-topic">{conversation.topic}</p> : null}
        {conversation.kind === 'room' && !conversation.joined ? <p className="conversation-note">Not joined</p> : null}
      </header>
      <div className="conversation-body">
        <div className="conversation-main">
          <MessageLog conversation={conversation} />
          <TypingNotice conversationId={conversation.id} />
          <Composer conversationId={conversation.id} />
        </div>
        {conversation.kind === 'room' ? <MemberList conversationId={conversation.id} /> : null}
      </div>
    </section>
  );
}
