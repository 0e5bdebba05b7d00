/**
 * What the bridge says about the people on the buddy list: presence, contacts, persons
 * (metacontacts), buddy-list groups and merge suggestions. Re-exported by schemas.ts.
 */
import { z } from 'zod';

export const presenceViewSchema = z.object({
  status: z.enum(['available', 'chat', 'away', 'busy', 'extended-away', 'offline', 'unknown']),
  message: z.string().optional(),
});

/** Someone on an account's buddy list. */
export const contactViewSchema = z.object({
  accountId: z.string(),
  /** Network id (nick, JID, Matrix user id). */
  id: z.string(),
  displayName: z.string(),
  groups: z.array(z.string()),
  presence: presenceViewSchema,
  subscription: z.enum(['both', 'to', 'from', 'none', 'pending-out', 'pending-in']).optional(),
  blocked: z.boolean().optional(),
  /** The contact's picture as a data: URL (at most 64 KiB of image). */
  avatarDataUrl: z.string().regex(/^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]*={0,2}$/).optional(),
});

/** One buddy of a person: a contact, keyed as contacts are. */
export const personMemberSchema = z.object({ accountId: z.string(), contactId: z.string() });

/**
 * A person (metacontact): buddies of different accounts or networks that the user merged
 * because they are the same human. The buddies' names and presence are on their contacts.
 */
export const personViewSchema = z.object({
  id: z.number().int(),
  /** The name the user gave it; without one it is called after its first buddy. */
  name: z.string().optional(),
  /** Its buddies (two or more), first merged first. */
  members: z.array(personMemberSchema),
  /** The buddy-list group it is shown in; without one, its first buddy's. */
  group: z.string().optional(),
});

/** A buddy-list group: merged across networks by name, in the user's order. */
export const buddyGroupViewSchema = z.object({
  name: z.string(),
  collapsed: z.boolean(),
});

/** Two buddies of different accounts that look like the same person, and why. */
export const mergeSuggestionSchema = z.object({
  a: personMemberSchema,
  b: personMemberSchema,
  reason: z.enum(['display-name', 'nick', 'bridge-puppet']),
});

export type PresenceView = z.infer<typeof presenceViewSchema>;
export type ContactView = z.infer<typeof contactViewSchema>;
export type PersonMember = z.infer<typeof personMemberSchema>;
export type PersonView = z.infer<typeof personViewSchema>;
export type BuddyGroupView = z.infer<typeof buddyGroupViewSchema>;
export type MergeSuggestion = z.infer<typeof mergeSuggestionSchema>;
