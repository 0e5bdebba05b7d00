/** The buddy list, requests from the networks, and opening links. */
import type { ContactView, RequestView } from '../../electron/bridge/schemas.js';
import { describeLink } from '../content/links.js';
import type { ActionContext } from './actionContext.js';
import { contactKey } from './contacts.js';
import { withoutRequest } from './requests.js';

export interface NewContact {
  readonly accountId: string;
  readonly contactId: string;
  readonly displayName: string;
  readonly group: string;
}

export interface BuddyActions {
  addContact(contact: NewContact): Promise<void>;
  renameContact(contact: ContactView, displayName: string): Promise<void>;
  removeContact(contact: ContactView): Promise<void>;
  setContactBlocked(contact: ContactView, blocked: boolean): Promise<void>;
  /** Blocks (Matrix: ignores) a room member, contact or not; the network reports them as a blocked contact. */
  setMemberBlocked(accountId: string, memberId: string, blocked: boolean): Promise<void>;
  answerRequest(request: RequestView, choiceId: string): Promise<void>;
  /** A click on a link: asks first, in the "Open link" dialog, showing where it really goes. */
  askToOpenLink(href: string, text: string): void;
  /** The user confirmed: the link opens outside the app. */
  openLink(href: string): void;
}

export function createBuddyActions(context: ActionContext): BuddyActions {
  const { stores, client } = context;

  const patchContact = (contact: ContactView, patch: Partial<ContactView>): void => {
    const key = contactKey(contact.accountId, contact.id);
    const state = stores.contacts.getState();
    const current = state.byKey.get(key);
    if (!current) return;
    const byKey = new Map(state.byKey);
    byKey.set(key, { ...current, ...patch });
    stores.contacts.setState({ byKey });
  };

  return {
    addContact: async ({ accountId, contactId, displayName, group }) => {
      const name = displayName.trim();
      const groupName = group.trim();
      await client().request('contacts.add', {
        accountId,
        contactId: contactId.trim(),
        ...(name === '' ? {} : { displayName: name }),
        ...(groupName === '' ? {} : { groups: [groupName] }),
      });
    },
    renameContact: async (contact, displayName) => {
      const name = displayName.trim();
      await client().request('contacts.update', { accountId: contact.accountId, contactId: contact.id, displayName: name });
      patchContact(contact, { displayName: name === '' ? contact.id : name });
    },
    removeContact: async (contact) => {
      await client().request('contacts.remove', { accountId: contact.accountId, contactId: contact.id });
      const byKey = new Map(stores.contacts.getState().byKey);
      byKey.delete(contactKey(contact.accountId, contact.id));
      stores.contacts.setState({ byKey });
    },
    setContactBlocked: async (contact, blocked) => {
      await client().request('contacts.setBlocked', { accountId: contact.accountId, contactId: contact.id, blocked });
      patchContact(contact, { blocked });
    },
    setMemberBlocked: async (accountId, memberId, blocked) => {
      await client().request('contacts.setBlocked', { accountId, contactId: memberId, blocked });
      const contact = stores.contacts.getState().byKey.get(contactKey(accountId, memberId));
      if (contact) patchContact(contact, { blocked });
    },
    answerRequest: async (request, choiceId) => {
      await client().request('requests.answer', { accountId: request.accountId, requestId: request.id, choiceId });
      stores.requests.setState(withoutRequest(stores.requests.getState(), request.accountId, request.id));
    },
    askToOpenLink: (href, text) => {
      const link = describeLink(href);
      if (link) stores.ui.setState({ dialog: { kind: 'open-link', link, text } });
    },
    openLink: (href) => {
      const link = describeLink(href);
      stores.ui.setState({ dialog: null });
      if (link) context.platform.openUrl(link.href);
    },
  };
}
