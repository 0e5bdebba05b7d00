/**
 * Spaces as buddy-list groups (plugin API 0.7 `Conversation.groups` / `space`, Matrix
 * §Spaces): a conversation the network puts in groups is shown in each of them, as a contact
 * in two groups is, and not among its account's conversations; a joined space is not shown
 * as a chat but as its group's "Rooms in this space…" entry.
 */
import type { ConversationView } from '../../electron/bridge/schemas.js';
import { matchesQuery } from './contacts.js';

/** What one group holds from the networks' spaces. */
export interface SpaceGroup {
  /** The conversations in it, by title. */
  readonly rooms: readonly ConversationView[];
  /** The joined spaces it stands for (one per account, usually one): their rooms to join. */
  readonly spaces: readonly ConversationView[];
}

/** Shown in groups (or as one), so not in its account's list of conversations. */
export function shownInGroups(conversation: ConversationView): boolean {
  return conversation.space === true || (conversation.groups?.length ?? 0) > 0;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Group name → its rooms and spaces, from every open conversation. */
export function spaceGroups(conversations: Iterable<ConversationView>): Map<string, SpaceGroup> {
  const rooms = new Map<string, ConversationView[]>();
  const spaces = new Map<string, ConversationView[]>();
  const add = (map: Map<string, ConversationView[]>, name: string, conversation: ConversationView): void => {
    map.set(name, [...(map.get(name) ?? []), conversation]);
  };
  for (const conversation of conversations) {
    if (conversation.space === true) {
      if (conversation.joined) add(spaces, conversation.title, conversation);
      continue;
    }
    for (const name of new Set(conversation.groups ?? [])) add(rooms, name, conversation);
  }
  const groups = new Map<string, SpaceGroup>();
  for (const name of new Set([...rooms.keys(), ...spaces.keys()])) {
    groups.set(name, {
      rooms: [...(rooms.get(name) ?? [])].sort((a, b) => collator.compare(a.title, b.title) || a.id - b.id),
      spaces: spaces.get(name) ?? [],
    });
  }
  return groups;
}

/** The group's rooms that match the filter text. */
export function visibleSpaceRooms(group: SpaceGroup | undefined, query: string): readonly ConversationView[] {
  return (group?.rooms ?? []).filter((conversation) => matchesQuery(query, conversation.title, conversation.networkId));
}
