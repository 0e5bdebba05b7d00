/**
 * The buddy list: suggested merges, then the groups (merged across networks by name) with
 * their persons and buddies, in the order and density the user chose, then per account its
 * open conversations (with unread badges); a filter box, New group and the list's options.
 * The rows are windowed (BuddyList.tsx): thousands of contacts cost a screenful of DOM.
 */
import { useMemo, useRef, useState } from 'react';
import type { ConversationView } from '../../electron/bridge/schemas.js';
import { createBuddyIndexer } from '../state/buddyIndex.js';
import { buddyRows, suggestionEntries, type BuddyRow, type ConversationSection } from '../state/buddyRows.js';
import { accountCan, anyAccountCan } from '../state/capabilities.js';
import { contactKey, matchesQuery } from '../state/contacts.js';
import { directActivity, groupEntries } from '../state/groupView.js';
import { groupByAccount } from '../state/conversations.js';
import { shownInGroups, spaceGroups } from '../state/spaceGroups.js';
import { useApp, useAppStore } from './AppContext.js';
import { BuddyList } from './BuddyList.js';
import { BuddyListOptions } from './BuddyListOptions.js';
import { NewGroupForm } from './NewGroupForm.js';
import { useAccountLabel, usePersonEntries } from './usePeople.js';
import { useT } from '../i18n/index.js';

/**
 * The rows to show. The contacts are indexed once per store change (name order, search
 * keys lowercased); a new filter text only walks that index.
 */
function useBuddyRows(query: string): { readonly rows: readonly BuddyRow[]; readonly anything: boolean } {
  const conversations = useAppStore('conversations', (state) => state.byId);
  const accounts = useAppStore('accounts', (state) => state.list);
  const plugins = useAppStore('plugins', (state) => state.list);
  const contacts = useAppStore('contacts', (state) => state.byKey);
  const groups = useAppStore('groups', (state) => state.list);
  const suggestions = useAppStore('groups', (state) => state.suggestions);
  const { showOffline, buddySort } = useAppStore('preferences', (state) => state.preferences);
  const expanded = useAppStore('ui', (state) => state.expandedPersons);
  const persons = usePersonEntries();
  const accountLabel = useAccountLabel();
  const [indexer] = useState(createBuddyIndexer);
  const index = useMemo(() => indexer(contacts), [indexer, contacts]);
  // Only the map matters for grouping; selecting it alone keeps a tab switch from re-sorting.
  const byAccount = useMemo(() => groupByAccount({ byId: conversations, tabs: [], activeId: null }), [conversations]);
  const activity = useMemo(() => directActivity(conversations.values()), [conversations]);
  const spaces = useMemo(() => spaceGroups(conversations.values()), [conversations]);
  return useMemo(() => {
    const manage = (accountId: string): boolean => accountCan(accounts, plugins, accountId, 'contactManagement');
    const known = new Set(accounts.map((account) => account.id));
    const ids = [...known, ...[...byAccount.keys()].filter((id) => !known.has(id))];
    const sections = ids.map((accountId): ConversationSection => ({
      accountId,
      label: accounts.find((item) => item.id === accountId)?.label ?? accountId,
      // Rooms in a space are shown in its group instead (spaceGroups.ts).
      conversations: (byAccount.get(accountId) ?? []).filter((conversation: ConversationView) => !shownInGroups(conversation)
        && matchesQuery(query, conversation.title, conversation.networkId)),
    })).filter((section) => section.conversations.length > 0);
    const model = {
      suggestions: query.trim() === '' ? suggestionEntries(suggestions, contacts, contactKey, accountLabel) : [],
      groups: groupEntries({ index, persons, groups, query, showOffline, sort: buddySort, activity, spaceGroups: spaces }),
      conversations: sections, expanded, accountLabel, manage,
    };
    return { rows: buddyRows(model), anything: byAccount.size > 0 || contacts.size > 0 };
  }, [byAccount, accounts, plugins, index, contacts, groups, suggestions, showOffline, buddySort, activity, spaces, query, persons, expanded, accountLabel]);
}

export function ContactsPanel() {
  const { stores } = useApp();
  const t = useT();
  const [query, setQuery] = useState('');
  const filter = useRef<HTMLInputElement>(null);
  const { rows, anything } = useBuddyRows(query);
  const activeId = useAppStore('conversations', (state) => state.activeId);
  const density = useAppStore('preferences', (state) => state.preferences.density);
  const loadError = useAppStore('contacts', (state) => state.loadError);
  const accounts = useAppStore('accounts', (state) => state.list);
  const plugins = useAppStore('plugins', (state) => state.list);
  const canAdd = anyAccountCan(accounts, plugins, 'contactManagement');
  const open = (kind: 'join-room' | 'new-message' | 'add-contact') => () => stores.ui.setState({ dialog: { kind } });

  return (
    <section className={`panel panel-grow contacts-panel density-${density}`} aria-labelledby="contacts-heading">
      <div className="panel-head">
        <h2 id="contacts-heading">{t('contacts.title')}</h2>
        <div className="panel-buttons">
          <button type="button" onClick={open('join-room')}>{t('contacts.joinRoom')}</button>
          <button type="button" onClick={open('new-message')}>{t('contacts.newMessage')}</button>
          {canAdd ? <button type="button" onClick={open('add-contact')}>{t('contacts.addContact')}</button> : null}
          <NewGroupForm />
        </div>
      </div>
      <div className="buddy-tools">
        <input ref={filter} type="search" className="buddy-filter" aria-label={t('contacts.filter')} placeholder={t('contacts.filter')} value={query}
          onChange={(event) => setQuery(event.target.value)} />
        <BuddyListOptions />
      </div>
      {loadError !== undefined ? <p className="note">{t('contacts.unavailable', { error: loadError })}</p> : null}
      <BuddyList rows={rows} activeId={activeId} query={query}
        onTypeToFilter={(text) => { setQuery((current) => current + text); filter.current?.focus(); }} />
      {!anything ? <p className="empty">{t('contacts.noConversations')}</p> : null}
      {anything && rows.length === 0 && query.trim() !== '' ? <p className="empty">{t('contacts.noMatch', { query: query.trim() })}</p> : null}
    </section>
  );
}
