/**
 * The buddy list: every account's contacts, keyed by account and network id, and how a
 * contact's presence is told (words; its rank is electron/bridge/presenceOrder.ts). Grouping and filtering: buddyIndex.ts.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { isReachable, type PresenceStatus } from '../../electron/bridge/presenceOrder.js';
import type { ContactView, PresenceView } from '../../electron/bridge/schemas.js';
import { i18n } from '../i18n/index.js';

export interface ContactsState {
  /** Keyed by {@link contactKey}. */
  readonly byKey: ReadonlyMap<string, ContactView>;
  /** Why the last `contacts.list` failed (a core without contacts says so here). */
  readonly loadError?: string;
}

export type ContactEvent =
  | { readonly type: 'contact.changed'; readonly payload: { readonly contact: ContactView } }
  | { readonly type: 'contact.removed'; readonly payload: { readonly accountId: string; readonly contactId: string } }
  | { readonly type: 'account.removed'; readonly payload: { readonly accountId: string } };

export type { PresenceStatus };

/** A contact's id is unique only within its account. */
export function contactKey(accountId: string, contactId: string): string {
  return `${accountId}\u0000${contactId}`;
}

export function createContactsStore(): StoreApi<ContactsState> {
  return createStore<ContactsState>()(() => ({ byKey: new Map() }));
}

/** The state after `contacts.list`. */
export function resetContacts(list: readonly ContactView[]): ContactsState {
  return { byKey: new Map(list.map((contact) => [contactKey(contact.accountId, contact.id), contact])) };
}

export function applyContactEvents(state: ContactsState, events: readonly ContactEvent[]): ContactsState {
  if (events.length === 0) return state;
  const byKey = new Map(state.byKey);
  for (const event of events) {
    switch (event.type) {
      case 'contact.changed':
        byKey.set(contactKey(event.payload.contact.accountId, event.payload.contact.id), event.payload.contact);
        break;
      case 'contact.removed':
        byKey.delete(contactKey(event.payload.accountId, event.payload.contactId));
        break;
      case 'account.removed':
        for (const [key, contact] of byKey) if (contact.accountId === event.payload.accountId) byKey.delete(key);
        break;
    }
  }
  return { ...state, byKey };
}

export function presenceWords(status: PresenceStatus): string {
  return i18n.t(`presenceWords.${status}`);
}

const SAFE_AVATAR = /^data:image\/(png|jpeg|gif|webp);base64,/;

/**
 * The contact's avatar as an image source, or null: only a base64 `data:` URL of a plain
 * raster image type (the bridge checks this too; this is defence in depth).
 */
export function safeAvatarUrl(url: string | undefined): string | null {
  return url !== undefined && SAFE_AVATAR.test(url) ? url : null;
}

export function isOffline(presence: PresenceView): boolean {
  return !isReachable(presence.status);
}

export function matchesQuery(query: string, ...texts: readonly string[]): boolean {
  const needle = query.trim().toLocaleLowerCase();
  return needle === '' || texts.some((text) => text.toLocaleLowerCase().includes(needle));
}

/** How many of an account's contacts are reachable, for the group heading ("3 of 5 online"). */
export function countOnline(contacts: readonly ContactView[]): number {
  return contacts.filter((contact) => !isOffline(contact.presence)).length;
}
