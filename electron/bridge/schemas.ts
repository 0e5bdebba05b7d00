/**
 * The data shapes that cross the bridge between the core and the user interface. Every
 * value here is plain JSON. The core validates what the UI sends; the UI validates what
 * the core sends. This module (with the ones it re-exports) is the single place these shapes are defined.
 */
import { z } from 'zod';

// The buddy list's schemas, here too so that one import serves every view.
export * from './peopleSchemas.js';

export const errorKindSchema = z.enum([
  'auth', 'network', 'certificate', 'rate-limited', 'not-supported', 'protocol', 'internal',
  'invalid-request', 'not-found',
]);

export const certificateSchema = z.object({
  fingerprint256: z.string(),
  subject: z.string(),
  issuer: z.string(),
  reason: z.string(),
  validTo: z.number().optional(),
});

/** An error as the UI shows it: a kind it can act on and a sentence for the user. */
export const bridgeErrorSchema = z.object({
  kind: errorKindSchema,
  message: z.string(),
  certificate: certificateSchema.optional(),
  retryAfterMs: z.number().optional(),
});

const fieldBase = {
  key: z.string(),
  label: z.string(),
  help: z.string().optional(),
  required: z.boolean().optional(),
  advanced: z.boolean().optional(),
};

/** One input of the account dialog, declared by a plugin. */
export const accountFieldSchema = z.discriminatedUnion('kind', [
  z.object({
    ...fieldBase,
    kind: z.literal('text'),
    default: z.string().optional(),
    placeholder: z.string().optional(),
    pattern: z.string().optional(),
    patternMessage: z.string().optional(),
    maxLength: z.number().optional(),
  }),
  z.object({ ...fieldBase, kind: z.literal('secret') }),
  z.object({
    ...fieldBase,
    kind: z.literal('number'),
    default: z.number().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
  }),
  z.object({ ...fieldBase, kind: z.literal('boolean'), default: z.boolean().optional() }),
  z.object({
    ...fieldBase,
    kind: z.literal('choice'),
    choices: z.array(z.object({ value: z.string(), label: z.string() })),
    default: z.string().optional(),
  }),
]);

export const capabilitiesSchema = z.object({
  directMessages: z.boolean().optional(),
  rooms: z.boolean().optional(),
  actions: z.boolean().optional(),
  topics: z.boolean().optional(),
  typing: z.boolean().optional(),
  contactList: z.boolean().optional(),
  history: z.boolean().optional(),
  roomPasswords: z.boolean().optional(),
  edits: z.boolean().optional(),
  deletes: z.boolean().optional(),
  reactions: z.boolean().optional(),
  replies: z.boolean().optional(),
  /** Replies in threads, apart from the main log (plugin API 0.6). */
  threads: z.boolean().optional(),
  /** Room members can be blocked (ignored) from the member list (plugin API 0.6). */
  blockMembers: z.boolean().optional(),
  receipts: z.boolean().optional(),
  presence: z.boolean().optional(),
  invisible: z.boolean().optional(),
  contactManagement: z.boolean().optional(),
  contactGroups: z.boolean().optional(),
  roomDirectory: z.boolean().optional(),
  /** Another server's room directory can be searched (plugin API 0.7). */
  roomDirectoryServers: z.boolean().optional(),
  fileUpload: z.boolean().optional(),
  fileDownload: z.boolean().optional(),
  encryption: z.boolean().optional(),
  invites: z.boolean().optional(),
  kicks: z.boolean().optional(),
  /** Members' standing (voice, moderator, member, admin, owner, ban) can be changed, as each member's `roleChanges` allow (plugin API 0.6). */
  memberRoles: z.boolean().optional(),
  /** A room the user owns can be destroyed (plugin API 0.6). */
  destroyRooms: z.boolean().optional(),
  /** A room the user owns has settings to change: members-only, persistent, moderated, password (plugin API 0.6). */
  roomSettings: z.boolean().optional(),
  /** A room's members, banned, admins and owners by address, present or not, read and changed (plugin API 0.8). */
  affiliationLists: z.boolean().optional(),
  avatars: z.boolean().optional(),
  roomNicks: z.boolean().optional(),
  resendSafe: z.boolean().optional(),
  /** The user's own display name and picture can be published (`accounts.setProfile`, plugin API 0.6). */
  ownProfile: z.boolean().optional(),
  /** The user's own display name and picture can be read (`accounts.profile`) and the picture removed (plugin API 0.7). */
  ownProfileRead: z.boolean().optional(),
});

/** A slash command a plugin adds. */
export const pluginCommandSchema = z.object({ name: z.string(), usage: z.string(), description: z.string() });

/** One end of a history gap: a message's network id and/or its time. */
export const gapPointSchema = z.object({ networkId: z.string().optional(), timestamp: z.number() });

/** Where messages of a conversation may be missing (a catch-up that stopped early); the UI shows a marker there. */
export const historyGapViewSchema = z.object({
  id: z.number().int(),
  conversationId: z.number().int(),
  /** The last message known before the gap; absent when the gap reaches back to the start. */
  after: gapPointSchema.optional(),
  /** The first message after the gap: the marker sits just before it. */
  before: gapPointSchema,
  /** Why the network's catch-up stopped, in words. */
  reason: z.string().optional(),
});

/** A protocol plugin the core has loaded. */
export const pluginViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  version: z.string(),
  description: z.string().optional(),
  capabilities: capabilitiesSchema,
  accountFields: z.array(accountFieldSchema),
  accountLabelField: z.string(),
  roomPlaceholder: z.string().optional(),
  commands: z.array(pluginCommandSchema).optional(),
  /** Events the plugin sent for accounts not its own, or quoting another account's ids: dropped and counted since the core started. */
  violations: z.number().int().nonnegative().optional(),
});

export const fieldValueSchema = z.union([z.string(), z.number(), z.boolean()]);

/** Settings as the UI sends them; secrets included, keyed by field key. */
export const settingsInputSchema = z.record(z.string().max(64), fieldValueSchema);

export const connectionStateSchema = z.enum(['offline', 'connecting', 'online', 'reconnecting', 'failed']);

/** An account, without its secrets. */
export const accountViewSchema = z.object({
  id: z.string(),
  pluginId: z.string(),
  /** What the buddy list calls the account, e.g. "alice on irc.libera.chat". */
  label: z.string(),
  /** Non-secret settings. */
  settings: z.record(z.string(), fieldValueSchema),
  /** Keys of secret fields that have a stored value (the values never leave the core). */
  secretsStored: z.array(z.string()),
  enabled: z.boolean(),
  state: connectionStateSchema,
  error: bridgeErrorSchema.optional(),
  retryAt: z.number().optional(),
  /**
   * While online: the network's own session is being resumed after a drop (XMPP stream
   * management), and why. Messages wait meanwhile; the account is not offline.
   */
  resuming: bridgeErrorSchema.optional(),
  selfId: z.string().optional(),
  /** What the server allows, learned after login. */
  limits: z.object({ maxUploadBytes: z.number().optional(), maxMessageBytes: z.number().optional() }).optional(),
  /** The presence the user last set on this account (while online). */
  presence: z.object({
    status: z.enum(['available', 'chat', 'away', 'busy', 'extended-away', 'offline', 'unknown']),
    message: z.string().optional(),
  }).optional(),
});

export const conversationViewSchema = z.object({
  id: z.number().int(),
  accountId: z.string(),
  /** The network's id for the conversation (channel name, JID, room id). */
  networkId: z.string(),
  kind: z.enum(['direct', 'room']),
  title: z.string(),
  topic: z.string().optional(),
  joined: z.boolean(),
  unread: z.number().int(),
  /** Time of the newest message, ms since the epoch (0 when empty). */
  lastActivity: z.number(),
  /** What this conversation can do: the plugin's capabilities with the conversation's own overrides. */
  capabilities: capabilitiesSchema.optional(),
  encrypted: z.boolean().optional(),
  /** The buddy-list groups the network puts it in (Matrix spaces). */
  groups: z.array(z.string()).optional(),
  /** A group of rooms (a Matrix space): shown as the group named by its title, not as a chat. */
  space: z.boolean().optional(),
});

/**
 * received: from someone else. queued: the user's, waiting in the outbox for its account to
 * be online. sending: handed to the network. sent: the network confirmed it. failed: it
 * could not be sent (the error says why); the user may retry or cancel it.
 */
export const messageStatusSchema = z.enum(['received', 'queued', 'sending', 'sent', 'failed']);

export const attachmentSchema = z.object({
  url: z.string(),
  name: z.string(),
  mimeType: z.string().optional(),
  size: z.number().optional(),
  kind: z.enum(['image', 'video', 'audio', 'file']),
});

/** Where a saved attachment went. Nothing is opened: the user opens it from the folder. */
export const savedFileSchema = z.object({
  /** The name it was saved under (made safe and unique; may differ from the sender's). */
  name: z.string(),
  path: z.string(),
  size: z.number().int(),
  /** The name is of a kind a desktop runs as a program: the UI warns about it. */
  executable: z.boolean(),
});

/**
 * An image to preview: bytes whose type was sniffed from the bytes themselves (PNG, JPEG,
 * GIF or WebP only). The UI turns them into a blob: URL, which the pages' CSP allows in
 * img-src: the same over Electron IPC and the headless WebSocket, with no extra route.
 */
export const attachmentPreviewSchema = z.object({
  mimeType: z.enum(['image/png', 'image/jpeg', 'image/gif', 'image/webp']),
  dataBase64: z.string(),
});

/** Who reacted with what: one entry per reaction, with the names of those who chose it. */
export const reactionViewSchema = z.object({
  reaction: z.string(),
  senders: z.array(z.object({ id: z.string(), name: z.string() })),
  /** True when the user is among the senders. */
  mine: z.boolean(),
});

/** How far the device that sent an end-to-end encrypted message is trusted (see protocols/api `SenderTrust`). */
export const senderTrustSchema = z.enum([
  'verified', 'unverified-identity', 'unverified-device', 'unknown-device', 'unauthenticated', 'identity-changed', 'unencrypted',
]);

export const messageViewSchema = z.object({
  id: z.number().int(),
  conversationId: z.number().int(),
  networkId: z.string().optional(),
  senderId: z.string(),
  senderName: z.string(),
  kind: z.enum(['text', 'action', 'notice', 'event']),
  /** Plain text; always present, also when `html` is. */
  body: z.string(),
  /**
   * Formatted body from the network (Matrix formatted_body, IRC formatting as a few tags).
   * UNTRUSTED: render only through the allowlist sanitizer, never as-is.
   */
  html: z.string().optional(),
  /** Server time when known, ms since the epoch; shown, never used to order (see `order`). */
  timestamp: z.number(),
  /**
   * The message's place in its conversation: messages are shown by ascending `order` (then
   * `id`). The order they arrived or were written in, with history loaded later placed by
   * the server's times; no clock orders live messages (a local clock set back, a server's
   * clock ahead).
   */
  order: z.number(),
  direction: z.enum(['in', 'out']),
  status: messageStatusSchema,
  error: bridgeErrorSchema.optional(),
  /** The body was corrected after it was sent. */
  edited: z.boolean().optional(),
  /** The message was retracted; `body` is empty. */
  deleted: z.boolean().optional(),
  replyTo: z.object({
    networkId: z.string(),
    /** The local message, when it is stored. */
    messageId: z.number().int().optional(),
    senderName: z.string().optional(),
    excerpt: z.string().optional(),
  }).optional(),
  attachments: z.array(attachmentSchema).optional(),
  reactions: z.array(reactionViewSchema).optional(),
  /** For the user's own messages: how far the other side got. */
  receipt: z.enum(['delivered', 'read']).optional(),
  encrypted: z.boolean().optional(),
  /** It arrived encrypted and could not be decrypted; `body` says so. */
  undecryptable: z.boolean().optional(),
  /** In an end-to-end encrypted conversation: how far the sending device is trusted (plugin API `SenderTrust`). */
  senderTrust: senderTrustSchema.optional(),
  /** In a thread: the network id of the thread's first message. Such a message is shown in the thread, not in the log. */
  threadRootId: z.string().optional(),
  /** The network said whom it mentions (Matrix `m.mentions`): true the user, false not the user; absent: judged by its text. */
  mentionsSelf: z.boolean().optional(),
});

/** Something a network asks the user to decide. */
export const requestViewSchema = z.object({
  accountId: z.string(),
  id: z.string(),
  kind: z.enum(['subscription', 'room-invite', 'certificate', 'verification', 'other']),
  title: z.string(),
  detail: z.string().optional(),
  fromId: z.string().optional(),
  choices: z.array(z.object({ id: z.string(), label: z.string() })),
  /** When it was raised, ms since the epoch. */
  raisedAt: z.number(),
});

export const roomDirectoryEntrySchema = z.object({
  id: z.string(),
  title: z.string(),
  topic: z.string().optional(),
  memberCount: z.number().optional(),
});

/** A room's settings as its owner changes them; each present only where the room offers it. */
export const roomSettingsViewSchema = z.object({
  membersOnly: z.boolean().optional(),
  persistent: z.boolean().optional(),
  moderated: z.boolean().optional(),
  /** Empty for none. */
  password: z.string().max(1024).optional(),
  /** The room's name, shown in directories. */
  name: z.string().max(1024).optional(),
  description: z.string().max(4096).optional(),
  /** Listed in the service's room directory. */
  publicListing: z.boolean().optional(),
});

/** A standing held by address in a room, present or not: `outcast` is banned. */
export const roomAffiliationSchema = z.enum(['owner', 'admin', 'member', 'outcast']);

/** One address on a room's affiliation list. */
export const affiliationEntryViewSchema = z.object({
  address: z.string().min(1).max(3071),
  /** The reason given when it was granted (a ban's, mostly). */
  reason: z.string().max(1024).optional(),
});

/** A change of a member's standing in a room (XMPP roles and affiliations). */
export const memberRoleChangeSchema = z.enum([
  'grant-voice', 'revoke-voice', 'grant-moderator', 'revoke-moderator',
  'make-member', 'make-admin', 'make-owner', 'remove-affiliation', 'ban',
]);

export const memberViewSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  role: z.enum(['owner', 'admin', 'operator', 'halfop', 'voice']).optional(),
  /** The services account the member is logged in as, when the network tells. */
  account: z.string().optional(),
  /** The member says it is a bot. */
  bot: z.boolean().optional(),
  /** The changes of standing the user may make to this member now (`members.setRole`). */
  roleChanges: z.array(memberRoleChangeSchema).optional(),
});

/** Where to continue paging backwards: the oldest message already shown. */
export const messageCursorSchema = z.object({ timestamp: z.number(), id: z.number().int() });

export type BridgeError = z.infer<typeof bridgeErrorSchema>;
export type AccountField = z.infer<typeof accountFieldSchema>;
export type PluginView = z.infer<typeof pluginViewSchema>;
export type HistoryGapView = z.infer<typeof historyGapViewSchema>;
export type FieldValue = z.infer<typeof fieldValueSchema>;
export type ConnectionStateView = z.infer<typeof connectionStateSchema>;
export type AccountView = z.infer<typeof accountViewSchema>;
export type ConversationView = z.infer<typeof conversationViewSchema>;
export type MessageView = z.infer<typeof messageViewSchema>;
export type MessageStatus = z.infer<typeof messageStatusSchema>;
export type SenderTrustView = z.infer<typeof senderTrustSchema>;
export type MemberView = z.infer<typeof memberViewSchema>;
export type MemberRoleChangeView = z.infer<typeof memberRoleChangeSchema>;
export type RoomSettingsView = z.infer<typeof roomSettingsViewSchema>;
export type RoomAffiliationView = z.infer<typeof roomAffiliationSchema>;
export type AffiliationEntryView = z.infer<typeof affiliationEntryViewSchema>;
export type MessageCursor = z.infer<typeof messageCursorSchema>;
export type Attachment = z.infer<typeof attachmentSchema>;
export type SavedFile = z.infer<typeof savedFileSchema>;
export type AttachmentPreview = z.infer<typeof attachmentPreviewSchema>;
export type ReactionView = z.infer<typeof reactionViewSchema>;
export type RequestView = z.infer<typeof requestViewSchema>;
export type RoomDirectoryEntry = z.infer<typeof roomDirectoryEntrySchema>;
