/** Buddy-list groups (create, rename, delete, reorder, collapse, move buddies and persons) and suggested merges. */
import type { BuddyGroupView, ContactView, MergeSuggestion } from '../../electron/bridge/schemas.js';
import type { ActionContext } from './actionContext.js';
import { movedGroupOrder } from './buddyGroups.js';

export interface GroupActions {
  createGroup(name: string): Promise<void>;
  renameGroup(name: string, to: string): Promise<void>;
  deleteGroup(name: string): Promise<void>;
  /** Puts group `name` where group `over` is (the others shift), as a drop or Move up/down does. */
  moveGroup(name: string, over: string): Promise<void>;
  setGroupCollapsed(name: string, collapsed: boolean): Promise<void>;
  /** Moves a buddy out of the group it is shown in (`from`) into `to`. */
  moveContactToGroup(contact: ContactView, from: string, to: string): Promise<void>;
  movePersonToGroup(personId: number, to: string): Promise<void>;
  /** Merges the two buddies of a suggestion into one person. */
  acceptSuggestion(suggestion: MergeSuggestion): Promise<void>;
  /** They are not the same person: never asked again. */
  dismissSuggestion(suggestion: MergeSuggestion): Promise<void>;
}

export function createGroupActions(context: ActionContext): GroupActions {
  const { stores, client } = context;
  const listed = (list: readonly BuddyGroupView[]): void => stores.groups.setState({ list });
  const names = (): string[] => stores.groups.getState().list.map((group) => group.name);
  return {
    createGroup: async (name) => listed(await client().request('groups.create', { name })),
    renameGroup: async (name, to) => listed(await client().request('groups.rename', { name, to })),
    deleteGroup: async (name) => listed(await client().request('groups.remove', { name })),
    moveGroup: async (name, over) => {
      const order = movedGroupOrder(names(), name, over);
      // Shown at once: a dropped group must not jump back while the core answers.
      listed(order.map((item) => stores.groups.getState().list.find((group) => group.name === item) ?? { name: item, collapsed: false }));
      listed(await client().request('groups.reorder', { names: order }));
    },
    setGroupCollapsed: async (name, collapsed) => listed(await client().request('groups.setCollapsed', { name, collapsed })),
    moveContactToGroup: async (contact, from, to) => {
      if (from === to) return;
      await client().request('groups.moveContact', { accountId: contact.accountId, contactId: contact.id, from, to });
    },
    movePersonToGroup: async (personId, to) => {
      await client().request('groups.movePerson', { personId, to });
    },
    acceptSuggestion: async ({ a, b }) => {
      await client().request('contacts.merge', { accountId: a.accountId, contactId: a.contactId, withAccountId: b.accountId, withContactId: b.contactId });
    },
    dismissSuggestion: async (suggestion) => {
      await client().request('people.dismissSuggestion', { a: suggestion.a, b: suggestion.b });
      const { suggestions } = stores.groups.getState();
      stores.groups.setState({ suggestions: suggestions.filter((item) => item !== suggestion) });
    },
  };
}
