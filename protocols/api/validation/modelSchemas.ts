/**
 * The data a plugin reports (model.ts, errors.ts) as zod schemas. Plugins are third-party
 * code: the core checks every event and result against these before acting on it, and the
 * conformance kit checks every event a plugin emits. Limits (lengths, counts) are what the
 * core stores; agreement.ts keeps the shapes equal to the TypeScript types.
 */
import { z } from 'zod';
import { capabilitiesSchema } from './manifestSchemas.js';

export const MAX_BODY = 1_000_000;
export const id = z.string().min(1).max(1024);
export const name = z.string().max(1024);
/** A network's time: any number, even NaN or Infinity (the core dates such a message itself). */
export const time = z.custom<number>((value) => typeof value === 'number', 'Expected a number');

export const certificateDetailSchema = z.object({
  fingerprint256: z.string(),
  subject: z.string(),
  issuer: z.string(),
  reason: z.string(),
  validTo: z.number().exactOptional(),
});

export const protocolErrorDataSchema = z.object({
  kind: z.enum(['auth', 'network', 'certificate', 'rate-limited', 'not-supported', 'protocol', 'internal']),
  message: z.string(),
  certificate: certificateDetailSchema.exactOptional(),
  retryAfterMs: z.number().exactOptional(),
  notSent: z.literal(true).exactOptional(),
});

export const presenceStatusSchema = z.enum(['available', 'chat', 'away', 'busy', 'extended-away', 'offline', 'unknown']);
export const presenceSchema = z.object({ status: presenceStatusSchema, message: z.string().exactOptional() });
export const presenceOutcomeSchema = z.object({ note: z.string().max(4096).exactOptional() });

export const senderTrustSchema = z.enum([
  'verified', 'unverified-identity', 'unverified-device', 'unknown-device', 'unauthenticated', 'identity-changed', 'unencrypted',
]);

export const attachmentSchema = z.object({
  url: z.string(),
  name: z.string(),
  mimeType: z.string().exactOptional(),
  size: z.number().exactOptional(),
  kind: z.enum(['image', 'video', 'audio', 'file']),
  reference: z.string().exactOptional(),
});

export const messageReferenceSchema = z.object({
  networkId: id,
  senderId: name.exactOptional(),
  excerpt: z.string().max(4096).exactOptional(),
});

export const incomingMessageSchema = z.object({
  conversationId: id,
  networkId: name.exactOptional(),
  senderId: name,
  senderName: name,
  kind: z.enum(['text', 'action', 'notice', 'event']),
  body: z.string().max(MAX_BODY),
  timestamp: time,
  fromSelf: z.boolean().exactOptional(),
  localId: z.string().exactOptional(),
  replyTo: messageReferenceSchema.exactOptional(),
  threadRootId: name.exactOptional(),
  mentionsSelf: z.boolean().exactOptional(),
  html: z.string().max(MAX_BODY).exactOptional(),
  attachments: z.array(attachmentSchema).max(100).readonly().exactOptional(),
  undecryptable: z.boolean().exactOptional(),
  encrypted: z.boolean().exactOptional(),
  senderTrust: senderTrustSchema.exactOptional(),
  catchUp: z.boolean().exactOptional(),
});

/** {@link RoomSettings}. */
export const roomSettingsSchema = z.object({
  membersOnly: z.boolean().exactOptional(),
  persistent: z.boolean().exactOptional(),
  moderated: z.boolean().exactOptional(),
  password: z.string().max(1024).exactOptional(),
  name: z.string().max(1024).exactOptional(),
  description: z.string().max(4096).exactOptional(),
  publicListing: z.boolean().exactOptional(),
});

/** {@link RoomAffiliation}. */
export const roomAffiliationSchema = z.enum(['owner', 'admin', 'member', 'outcast']);

/** {@link AffiliationEntry}. */
export const affiliationEntrySchema = z.object({
  address: z.string().min(1).max(3071),
  reason: z.string().max(1024).exactOptional(),
});

/** {@link MemberRoleChange}. */
export const memberRoleChangeSchema = z.enum([
  'grant-voice', 'revoke-voice', 'grant-moderator', 'revoke-moderator',
  'make-member', 'make-admin', 'make-owner', 'remove-affiliation', 'ban',
]);

export const memberSchema = z.object({
  id,
  displayName: name,
  role: z.enum(['owner', 'admin', 'operator', 'halfop', 'voice']).exactOptional(),
  presence: presenceSchema.exactOptional(),
  account: name.exactOptional(),
  bot: z.boolean().exactOptional(),
  roleChanges: z.array(memberRoleChangeSchema).max(9).readonly().exactOptional(),
});

export const conversationSchema = z.object({
  id,
  kind: z.enum(['direct', 'room']),
  title: name,
  topic: z.string().max(MAX_BODY).exactOptional(),
  joined: z.boolean().exactOptional(),
  capabilities: capabilitiesSchema.exactOptional(),
  encrypted: z.boolean().exactOptional(),
  groups: z.array(name).max(256).readonly().exactOptional(),
  space: z.boolean().exactOptional(),
});

export const avatarSchema = z.object({
  mimeType: z.enum(['image/png', 'image/jpeg', 'image/gif', 'image/webp']),
  // 64 KiB of bytes is at most 87,384 base64 characters.
  dataBase64: z.string().max(87_384).regex(/^[A-Za-z0-9+/]*={0,2}$/),
});

export const contactSchema = z.object({
  id,
  displayName: name,
  groups: z.array(name).max(256).readonly().exactOptional(),
  presence: presenceSchema,
  subscription: z.enum(['both', 'to', 'from', 'none', 'pending-out', 'pending-in']).exactOptional(),
  blocked: z.boolean().exactOptional(),
  avatar: avatarSchema.exactOptional(),
});

export const userRequestSchema = z.object({
  id,
  kind: z.enum(['subscription', 'room-invite', 'certificate', 'verification', 'other']),
  title: name,
  detail: z.string().max(MAX_BODY).exactOptional(),
  fromId: name.exactOptional(),
  conversationId: name.exactOptional(),
  choices: z.array(z.object({ id: z.string().min(1).max(64), label: z.string().max(256) })).max(10).readonly().exactOptional(),
});

export const roomDirectoryEntrySchema = z.object({
  id,
  title: name,
  topic: z.string().max(MAX_BODY).exactOptional(),
  memberCount: z.number().int().nonnegative().exactOptional(),
});

export const roomRefSchema = z.object({ room: id });
