/**
 * The buddy list: first the people (buddies merged into one person), then per account, its open conversations (with unread badges) and its
 * contacts in their groups, reachable first, offline last (or hidden); a filter box.
 * The rows are windowed (BuddyList.tsx): thousands of contacts cost a screenful of DOM.
 */
import { useMemo, useRef, useState } from 'react';
import type { ConversationView } from '../../electron/bridge/schemas.js';
import { createBuddyIndexer, visibleGroups } from '../state/buddyIndex.js';
import { buddyRows, type BuddyRow, type BuddySection } from '../state/buddyRows.js';
import { accountCan, anyAccountCan } from '../state/capabilities.js';
import { contactKey, matchesQuery } from '../state/contacts.js';
import { visiblePersons } from '../state/people.js';
import { groupByAccount } from '../state/conversations.js';
import { useApp, useAppStore } from './AppContext.js';
import { BuddyList } from './BuddyList.js';
import { useAccountLabel, usePersonEntries } from './usePeople.js';

/**
 * The rows to show. The contacts are indexed once per store change (sorted, search keys
 * lowercased); a new filter text only walks that index.
 */
function useBuddyRows(query: string): { readonly rows: readonly BuddyRow[]; readonly anything: boolean } {
  const conversations = useAppStore('conversations', (state) => state.byId);
  const accounts = useAppStore('accounts', (state) => state.list);
  const plugins = useAppStore('plugins', (state) => state.list);
  const contacts = useAppStore('contacts', (state) => state.byKey);
  const showOffline = useAppStore('ui', (state) => state.showOffline);
  const expanded = useAppStore('ui', (state) => state.expandedPersons);
  const persons = usePersonEntries();
  const accountLabel = useAccountLabel();
  const [indexer] = useState(createBuddyIndexer);
  const index = useMemo(() => indexer(contacts), [indexer, contacts]);
  // Only the map matters for grouping; selecting it alone keeps a tab switch from re-sorting.
  const byAccount = useMemo(() => groupByAccount({ byId: conversations, tabs: [], activeId: null }), [conversations]);
  return useMemo(() => {
    const exclude = new Set(persons.flatMap((person) => person.buddies.map((buddy) => contactKey(buddy.accountId, buddy.id))));
    const manage = (accountId: string): boolean => accountCan(accounts, plugins, accountId, 'contactManagement');
    const known = new Set(accounts.map((account) => account.id));
    const ids = [...known, ...[...byAccount.keys()].filter((id) => !known.has(id))];
    const sections = ids.map((accountId): BuddySection => ({
      accountId,
      label: accounts.find((item) => item.id === accountId)?.label ?? accountId,
      conversations: (byAccount.get(accountId) ?? []).filter((conversation: ConversationView) => matchesQuery(query, conversation.title, conversation.networkId)),
      groups: visibleGroups(index, accountId, { query, showOffline, exclude }),
      manage: manage(accountId),
    })).filter((section) => section.conversations.length > 0 || section.groups.length > 0);
    const people = { persons: visiblePersons(persons, { query, showOffline }), expanded, accountLabel, manage };
    return { rows: buddyRows(sections, people), anything: byAccount.size > 0 || contacts.size > 0 };
  }, [byAccount, accounts, plugins, index, contacts, showOffline, query, persons, expanded, accountLabel]);
}

export function ContactsPanel() {
  const { stores } = useApp();
  const [query, setQuery] = useState('');
  const filter = useRef<HTMLInputElement>(null);
  const { rows, anything } = useBuddyRows(query);
  const activeId = useAppStore('conversations', (state) => state.activeId);
  const showOffline = useAppStore('ui', (state) => state.showOffline);
  const loadError = useAppStore('contacts', (state) => state.loadError);
  const accounts = useAppStore('accounts', (state) => state.list);
  const plugins = useAppStore('plugins', (state) => state.list);
  const canAdd = anyAccountCan(accounts, plugins, 'contactManagement');
  const open = (kind: 'join-room' | 'new-message' | 'add-contact') => () => stores.ui.setState({ dialog: { kind } });

  return (
    <section className="panel panel-grow contacts-panel" aria-labelledby="contacts-heading">
      <div className="panel-head">
        <h2 id="contacts-heading">Contacts</h2>
        <div className="panel-buttons">
          <button type="button" onClick={open('join-room')}>Join room</button>
          <button type="button" onClick={open('new-message')}>New message</button>
          {canAdd ? <button type="button" onClick={open('add-contact')}>Add contact</button> : null}
        </div>
      </div>
      <div className="buddy-tools">
        <input ref={filter} type="search" className="buddy-filter" aria-label="Filter contacts" placeholder="Filter contacts" value={query}
          onChange={(event) => setQuery(event.target.value)} />
        <label className="buddy-toggle">
          <input type="checkbox" checked={showOffline} onChange={(event) => stores.ui.setState({ showOffline: event.target.checked })} />
          Show offline contacts
        </label>
      </div>
      {loadError !== undefined ? <p className="note">Contacts are not available: {loadError}</p> : null}
      <BuddyList rows={rows} activeId={activeId} query={query}
        onTypeToFilter={(text) => { setQuery((current) => current + text); filter.current?.focus(); }} />
      {!anything ? <p className="empty">No conversations yet.</p> : null}
      {anything && rows.length === 0 && query.trim() !== '' ? <p className="empty">Nothing matches “{query.trim()}”.</p> : null}
    </section>
  );
}
