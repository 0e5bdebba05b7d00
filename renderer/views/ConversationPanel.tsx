/** The active tab's panel: header, messages, typing notice, members (rooms) and composer. */
import type { ConversationView } from '../../electron/bridge/schemas.js';
import { useAppStore } from './AppContext.js';
import { Composer } from './Composer.js';
import { panelId, tabId } from './ConversationTabs.js';
import { MemberList } from './MemberList.js';
import { MessageLog } from './MessageLog.js';

function TypingNotice({ conversationId }: { readonly conversationId: number }) {
  const typing = useAppStore('typing', (state) => state.byConversation.get(conversationId));
  const members = useAppStore('members', (state) => state.byRoom.get(conversationId));
  const names = [...(typing ?? new Map<string, string>()).entries()]
    .filter(([, state]) => state === 'active')
    .map(([id]) => members?.byId.get(id)?.displayName ?? id);
  let text = '';
  if (names.length === 1) text = `${names[0] ?? ''} is typing…`;
  else if (names.length === 2) text = `${names[0] ?? ''} and ${names[1] ?? ''} are typing…`;
  else if (names.length > 2) text = 'Several people are typing…';
  return <p className="typing" role="status">{text}</p>;
}

export function ConversationPanel({ conversation }: { readonly conversation: ConversationView }) {
  return (
    <section role="tabpanel" id={panelId(conversation.id)} aria-labelledby={tabId(conversation.id)} className="conversation">
      <header className="conversation-header">
        <h2 className="conversation-title">{conversation.title}</h2>
        {conversation.topic !== undefined && conversation.topic !== '' ? <p className="conversation-topic">{conversation.topic}</p> : null}
        {conversation.kind === 'room' && !conversation.joined ? <p className="conversation-note">Not joined</p> : null}
      </header>
      <div className="conversation-body">
        <div className="conversation-main">
          <MessageLog conversationId={conversation.id} title={conversation.title} />
          <TypingNotice conversationId={conversation.id} />
          <Composer conversationId={conversation.id} />
        </div>
        {conversation.kind === 'room' ? <MemberList conversationId={conversation.id} /> : null}
      </div>
    </section>
  );
}
