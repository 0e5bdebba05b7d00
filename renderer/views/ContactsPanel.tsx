/**
 * The buddy list: per account, its open conversations (with unread badges) and its
 * contacts in their groups, reachable first, offline last (or hidden); a filter box.
 */
import { useMemo, useState } from 'react';
import type { AccountView, ContactView, ConversationView } from '../../electron/bridge/schemas.js';
import { accountCan, anyAccountCan } from '../state/capabilities.js';
import { groupContacts, matchesQuery, type ContactGroup } from '../state/contacts.js';
import { groupByAccount } from '../state/conversations.js';
import { useActions, useApp, useAppStore } from './AppContext.js';
import { BuddyItem } from './BuddyItem.js';

interface AccountSection {
  readonly accountId: string;
  readonly label: string;
  readonly conversations: readonly ConversationView[];
  readonly groups: readonly ContactGroup[];
  readonly manage: boolean;
}

function useSections(query: string): { readonly sections: AccountSection[]; readonly anything: boolean } {
  const conversations = useAppStore('conversations', (state) => state);
  const accounts = useAppStore('accounts', (state) => state.list);
  const plugins = useAppStore('plugins', (state) => state.list);
  const contacts = useAppStore('contacts', (state) => state.byKey);
  const showOffline = useAppStore('ui', (state) => state.showOffline);
  return useMemo(() => {
    const byAccount = groupByAccount(conversations);
    const ids = [...accounts.map((account) => account.id), ...[...byAccount.keys()].filter((id) => !accounts.some((account) => account.id === id))];
    const all: readonly ContactView[] = [...contacts.values()];
    const sections = ids.map((accountId): AccountSection => {
      const account: AccountView | undefined = accounts.find((item) => item.id === accountId);
      return {
        accountId,
        label: account?.label ?? accountId,
        conversations: (byAccount.get(accountId) ?? []).filter((conversation) => matchesQuery(query, conversation.title, conversation.networkId)),
        groups: groupContacts(all, accountId, { query, showOffline }),
        manage: accountCan(accounts, plugins, accountId, 'contactManagement'),
      };
    }).filter((section) => section.conversations.length > 0 || section.groups.length > 0);
    return { sections, anything: byAccount.size > 0 || all.length > 0 };
  }, [conversations, accounts, plugins, contacts, showOffline, query]);
}

export function ContactsPanel() {
  const { stores } = useApp();
  const [query, setQuery] = useState('');
  const { sections, anything } = useSections(query);
  const activeId = useAppStore('conversations', (state) => state.activeId);
  const showOffline = useAppStore('ui', (state) => state.showOffline);
  const loadError = useAppStore('contacts', (state) => state.loadError);
  const accounts = useAppStore('accounts', (state) => state.list);
  const plugins = useAppStore('plugins', (state) => state.list);
  const canAdd = anyAccountCan(accounts, plugins, 'contactManagement');
  const open = (kind: 'join-room' | 'new-message' | 'add-contact') => () => stores.ui.setState({ dialog: { kind } });

  return (
    <section className="panel panel-grow" aria-labelledby="contacts-heading">
      <div className="panel-head">
        <h2 id="contacts-heading">Contacts</h2>
        <div className="panel-buttons">
          <button type="button" onClick={open('join-room')}>Join room</button>
          <button type="button" onClick={open('new-message')}>New message</button>
          {canAdd ? <button type="button" onClick={open('add-contact')}>Add contact</button> : null}
        </div>
      </div>
      <div className="buddy-tools">
        <input type="search" className="buddy-filter" aria-label="Filter contacts" placeholder="Filter contacts" value={query}
          onChange={(event) => setQuery(event.target.value)} />
        <label className="buddy-toggle">
          <input type="checkbox" checked={showOffline} onChange={(event) => stores.ui.setState({ showOffline: event.target.checked })} />
          Show offline contacts
        </label>
      </div>
      {loadError !== undefined ? <p className="note">Contacts are not available: {loadError}</p> : null}
      <ul aria-label="Contacts" className="contact-list">
        {sections.map((section) => (
          <li key={section.accountId} className="contact-group">
            <span className="contact-group-label">{section.label}</span>
            {section.conversations.length > 0 ? (
              <ul>
                {section.conversations.map((conversation) => (
                  <ConversationItem key={conversation.id} conversation={conversation} active={activeId === conversation.id} />
                ))}
              </ul>
            ) : null}
            {section.groups.map((group) => (
              <div key={group.name} className="buddy-group">
                <span className="buddy-group-label">{group.name}</span>
                <ul aria-label={`${group.name} (${section.label})`}>
                  {group.contacts.map((contact) => (
                    <BuddyItem key={contact.id} contact={contact} manage={section.manage} groupName={group.name} />
                  ))}
                </ul>
              </div>
            ))}
          </li>
        ))}
      </ul>
      {!anything ? <p className="empty">No conversations yet.</p> : null}
      {anything && sections.length === 0 && query.trim() !== '' ? <p className="empty">Nothing matches “{query.trim()}”.</p> : null}
    </section>
  );
}

function ConversationItem({ conversation, active }: { readonly conversation: ConversationView; readonly active: boolean }) {
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
