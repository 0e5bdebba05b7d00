/** The buddy list: open conversations grouped by account, with unread badges. */
import { useMemo } from 'react';
import type { ConversationView } from '../../electron/bridge/schemas.js';
import { groupByAccount } from '../state/conversations.js';
import { useActions, useApp, useAppStore } from './AppContext.js';

export function ContactsPanel() {
  const { stores } = useApp();
  const conversations = useAppStore('conversations', (state) => state);
  const accounts = useAppStore('accounts', (state) => state.list);
  const groups = useMemo(() => groupByAccount(conversations), [conversations]);
  const open = (kind: 'join-room' | 'new-message') => () => stores.ui.setState({ dialog: { kind } });

  return (
    <section className="panel panel-grow" aria-labelledby="contacts-heading">
      <div className="panel-head">
        <h2 id="contacts-heading">Contacts</h2>
        <div className="panel-buttons">
          <button type="button" onClick={open('join-room')}>Join room</button>
          <button type="button" onClick={open('new-message')}>New message</button>
        </div>
      </div>
      <ul aria-label="Contacts" className="contact-list">
        {[...groups].map(([accountId, items]) => (
          <li key={accountId} className="contact-group">
            <span className="contact-group-label">{accounts.find((account) => account.id === accountId)?.label ?? accountId}</span>
            <ul>
              {items.map((conversation) => (
                <ContactItem key={conversation.id} conversation={conversation} active={conversations.activeId === conversation.id} />
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {groups.size === 0 ? <p className="empty">No conversations yet.</p> : null}
    </section>
  );
}

function ContactItem({ conversation, active }: { readonly conversation: ConversationView; readonly active: boolean }) {
  const actions = useActions();
  const unreadId = `contact-unread-${conversation.id}`;
  return (
    <li>
      <button type="button" className={active ? 'contact active' : 'contact'} aria-label={conversation.title}
        aria-current={active ? 'true' : undefined} aria-describedby={conversation.unread > 0 ? unreadId : undefined}
        onClick={() => actions.activateConversation(conversation.id)}>
        <span className="contact-kind" aria-hidden="true">{conversation.kind === 'direct' ? '•' : conversation.title.startsWith('#') ? '' : '#'}</span>
        <span className="contact-title">{conversation.title}</span>
        {conversation.unread > 0 ? <span id={unreadId} className="badge">{conversation.unread}<span className="visually-hidden"> unread</span></span> : null}
      </button>
    </li>
  );
}
