/**
 * Plugins are third-party code: the core checks the shape of every event before acting
 * on it. Only the events the core stores are checked field by field; the schemas follow
 * protocols/api/events.ts and a compile-time check below keeps them in step.
 */
import { z } from 'zod';
import type { Contact, Conversation, HistoryGapEvent, IncomingMessage, Member, MessageReceivedEvent, ProtocolEvent, UserRequest } from '../../../protocols/api/index.js';
import { attachmentSchema, capabilitiesSchema, senderTrustSchema } from '../../bridge/schemas.js';

const MAX_BODY = 1_000_000;
const id = z.string().min(1).max(1024);
/** A network's time: any number, even NaN or Infinity (the core dates such a message itself, see networkTime.ts). */
const time = z.custom<number>((value) => typeof value === 'number', 'Expected a number');

const incomingMessage = z.object({
  conversationId: id,
  networkId: z.string().max(1024).optional(),
  senderId: z.string().max(1024),
  senderName: z.string().max(1024),
  kind: z.enum(['text', 'action', 'notice', 'event']),
  body: z.string().max(MAX_BODY),
  timestamp: time,
  fromSelf: z.boolean().optional(),
  localId: z.string().optional(),
  replyTo: z.object({ networkId: id, senderId: z.string().max(1024).optional(), excerpt: z.string().max(4096).optional() }).optional(),
  html: z.string().max(MAX_BODY).optional(),
  attachments: z.array(attachmentSchema).max(100).readonly().optional(),
  undecryptable: z.boolean().optional(),
  encrypted: z.boolean().optional(),
  senderTrust: senderTrustSchema.optional(),
  catchUp: z.boolean().optional(),
});

const presence = z.object({
  status: z.enum(['available', 'chat', 'away', 'busy', 'extended-away', 'offline', 'unknown']),
  message: z.string().optional(),
});

const member = z.object({
  id,
  displayName: z.string().max(1024),
  role: z.enum(['owner', 'admin', 'operator', 'halfop', 'voice']).optional(),
  presence: presence.optional(),
});

const conversation = z.object({
  id,
  kind: z.enum(['direct', 'room']),
  title: z.string().max(1024),
  topic: z.string().max(MAX_BODY).optional(),
  joined: z.boolean().optional(),
  capabilities: capabilitiesSchema.partial().optional(),
  encrypted: z.boolean().optional(),
});

const contact = z.object({
  id,
  displayName: z.string().max(1024),
  groups: z.array(z.string().max(1024)).max(256).readonly().optional(),
  presence,
  subscription: z.enum(['both', 'to', 'from', 'none', 'pending-out', 'pending-in']).optional(),
  blocked: z.boolean().optional(),
  avatar: z.object({
    mimeType: z.enum(['image/png', 'image/jpeg', 'image/gif', 'image/webp']),
    // 64 KiB of bytes is at most 87,384 base64 characters.
    dataBase64: z.string().max(87_384).regex(/^[A-Za-z0-9+/]*={0,2}$/),
  }).optional(),
});

const userRequest = z.object({
  id,
  kind: z.enum(['subscription', 'room-invite', 'certificate', 'verification', 'other']),
  title: z.string().max(1024),
  detail: z.string().max(MAX_BODY).optional(),
  fromId: z.string().max(1024).optional(),
  conversationId: z.string().max(1024).optional(),
  choices: z.array(z.object({ id: z.string().min(1).max(64), label: z.string().max(256) })).max(10).readonly().optional(),
});

const error = z.looseObject({ kind: z.string(), message: z.string() });

/** A point of a history gap: its time must be a real time (the gap is placed and paged by it). */
const gapPoint = z.object({ networkId: id.optional(), timestamp: z.number().nonnegative() });
const historyGap = z.object({ conversationId: id, after: gapPoint.optional(), before: gapPoint, reason: z.string().max(1024).optional() })
  .refine((gap) => gap.after === undefined || gap.after.timestamp <= gap.before.timestamp, { message: 'after is later than before', path: ['after'] });

const schemas: Partial<Record<ProtocolEvent['type'], z.ZodType>> = {
  'connection.state': z.object({
    state: z.enum(['offline', 'connecting', 'online', 'reconnecting', 'failed']),
    error: error.optional(),
    selfId: z.string().optional(),
  }),
  'conversation.upserted': z.object({ conversation }),
  'message.received': z.object({ message: incomingMessage }),
  'message.confirmed': z.object({ localId: z.string(), networkId: z.string().max(1024).optional(), timestamp: time.optional() }),
  'message.failed': z.object({ localId: z.string(), error }),
  'members.changed': z.object({
    conversationId: id,
    reset: z.boolean().optional(),
    added: z.array(member).optional(),
    removed: z.array(z.string()).optional(),
    renamed: z.array(z.object({ from: z.string(), to: z.string() })).optional(),
  }),
  'typing': z.object({ conversationId: id, participantId: z.string(), state: z.enum(['active', 'paused', 'done']) }),
  'server.notice': z.object({ text: z.string().max(MAX_BODY), timestamp: time }),
  'conversation.removed': z.object({ conversationId: id }),
  'conversation.renamed': z.object({ conversationId: id, newId: id, title: z.string().max(1024).optional() }),
  'message.edited': z.object({ conversationId: id, targetNetworkId: id, senderId: z.string(), body: z.string().max(MAX_BODY), html: z.string().max(MAX_BODY).optional(), timestamp: time }),
  'message.decrypted': z.object({ message: incomingMessage.extend({ networkId: id }) }),
  'message.deleted': z.object({ conversationId: id, targetNetworkId: id, senderId: z.string().optional() }),
  'reactions.changed': z.object({ conversationId: id, targetNetworkId: id, senderId: z.string(), senderName: z.string().max(1024), reactions: z.array(z.string().min(1).max(64)).max(100) }),
  'receipt': z.object({ conversationId: id, networkId: id, participantId: z.string(), kind: z.enum(['delivered', 'read']) }),
  'contact.upserted': z.object({ contact }),
  'contact.removed': z.object({ contactId: id }),
  'presence.changed': z.object({ contactId: id, presence }),
  'request.raised': z.object({ request: userRequest }),
  'request.closed': z.object({ requestId: id }),
  'account.limits': z.object({ maxUploadBytes: z.number().int().nonnegative().optional(), maxMessageBytes: z.number().int().nonnegative().optional() }),
  'history.gap': historyGap,
  'upload.progress': z.object({ localId: z.string(), sentBytes: z.number().nonnegative(), totalBytes: z.number().nonnegative() }),
};

/** Why an event cannot be used, or undefined when it can. Unknown types pass (they are ignored later). */
export function protocolEventProblem(event: unknown): string | undefined {
  if (typeof event !== 'object' || event === null) return 'not an object';
  const type = (event as { type?: unknown }).type;
  if (typeof type !== 'string') return 'no type';
  const schema = schemas[type as ProtocolEvent['type']];
  if (!schema) return undefined;
  const result = schema.safeParse(event);
  return result.success ? undefined : `${type}: ${result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`;
}

/** The messages of a history page (plugin data like any event) that are well formed and of this conversation. */
export function validHistoryMessages(messages: unknown, conversationNetworkId: string): IncomingMessage[] {
  if (!Array.isArray(messages)) return [];
  return messages.flatMap((message: unknown) => {
    const event = { type: 'message.received', message } as MessageReceivedEvent;
    return protocolEventProblem(event) === undefined && event.message.conversationId === conversationNetworkId ? [event.message] : [];
  });
}

// Compile-time: the API types must satisfy these schemas' inputs.
type Assignable<T, U extends T> = U;
export type _ApiMatchesGuard = [
  Assignable<z.input<typeof incomingMessage>, IncomingMessage>,
  Assignable<z.input<typeof member>, Member>,
  Assignable<z.input<typeof conversation>, Conversation>,
  Assignable<z.input<typeof contact>, Contact>,
  Assignable<z.input<typeof userRequest>, UserRequest>,
  Assignable<z.input<typeof historyGap>, Omit<HistoryGapEvent, 'type'>>,
];
