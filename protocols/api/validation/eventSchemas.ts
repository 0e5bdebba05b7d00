/**
 * One schema per event type of events.ts. The map is keyed by every `ProtocolEvent['type']`
 * (a new event type fails to compile here until it has a schema), and agreement.ts checks
 * that each schema and its event interface describe the same data.
 */
import { z } from 'zod';
import type { ProtocolEvent, ProtocolEventType } from '../events.js';
import {
  MAX_BODY, contactSchema, conversationSchema, id, incomingMessageSchema, memberSchema, name, presenceSchema,
  protocolErrorDataSchema, senderTrustSchema, time, userRequestSchema,
} from './modelSchemas.js';

/** A point of a history gap: its time must be a real time (the gap is placed and paged by it). */
const gapPoint = z.object({ networkId: id.exactOptional(), timestamp: z.number().nonnegative() });

export const protocolEventSchemas = {
  'connection.state': z.object({
    type: z.literal('connection.state'),
    state: z.enum(['offline', 'connecting', 'online', 'reconnecting', 'failed']),
    error: protocolErrorDataSchema.exactOptional(),
    retryAt: z.number().exactOptional(),
    selfId: z.string().exactOptional(),
  }),
  'contact.upserted': z.object({ type: z.literal('contact.upserted'), contact: contactSchema }),
  'contact.removed': z.object({ type: z.literal('contact.removed'), contactId: id }),
  'presence.changed': z.object({ type: z.literal('presence.changed'), contactId: id, presence: presenceSchema }),
  'conversation.upserted': z.object({ type: z.literal('conversation.upserted'), conversation: conversationSchema }),
  'message.received': z.object({ type: z.literal('message.received'), message: incomingMessageSchema }),
  'message.confirmed': z.object({
    type: z.literal('message.confirmed'), localId: z.string(), networkId: name.exactOptional(), timestamp: time.exactOptional(),
  }),
  'message.failed': z.object({ type: z.literal('message.failed'), localId: z.string(), error: protocolErrorDataSchema }),
  'typing': z.object({ type: z.literal('typing'), conversationId: id, participantId: z.string(), state: z.enum(['active', 'paused', 'done']) }),
  'members.changed': z.object({
    type: z.literal('members.changed'),
    conversationId: id,
    reset: z.boolean().exactOptional(),
    added: z.array(memberSchema).readonly().exactOptional(),
    removed: z.array(z.string()).readonly().exactOptional(),
    renamed: z.array(z.object({ from: z.string(), to: z.string() })).readonly().exactOptional(),
  }),
  'server.notice': z.object({ type: z.literal('server.notice'), text: z.string().max(MAX_BODY), timestamp: time }),
  'message.edited': z.object({
    type: z.literal('message.edited'), conversationId: id, targetNetworkId: id, senderId: z.string(),
    body: z.string().max(MAX_BODY), html: z.string().max(MAX_BODY).exactOptional(), timestamp: time,
  }),
  'message.decrypted': z.object({ type: z.literal('message.decrypted'), message: incomingMessageSchema.extend({ networkId: id }) }),
  'message.trust': z.object({
    type: z.literal('message.trust'), conversationId: id, targetNetworkId: id, senderId: z.string(), senderTrust: senderTrustSchema,
  }),
  'message.deleted': z.object({ type: z.literal('message.deleted'), conversationId: id, targetNetworkId: id, senderId: z.string().exactOptional() }),
  'reactions.changed': z.object({
    type: z.literal('reactions.changed'), conversationId: id, targetNetworkId: id, senderId: z.string(), senderName: name,
    reactions: z.array(z.string().min(1).max(64)).max(100).readonly(),
  }),
  'receipt': z.object({
    type: z.literal('receipt'), conversationId: id, networkId: id, participantId: z.string(), kind: z.enum(['delivered', 'read']),
  }),
  'request.raised': z.object({ type: z.literal('request.raised'), request: userRequestSchema }),
  'request.closed': z.object({ type: z.literal('request.closed'), requestId: id }),
  'conversation.removed': z.object({ type: z.literal('conversation.removed'), conversationId: id }),
  'conversation.renamed': z.object({ type: z.literal('conversation.renamed'), conversationId: id, newId: id, title: name.exactOptional() }),
  'account.limits': z.object({
    type: z.literal('account.limits'),
    maxUploadBytes: z.number().int().nonnegative().exactOptional(),
    maxMessageBytes: z.number().int().nonnegative().exactOptional(),
  }),
  'upload.progress': z.object({ type: z.literal('upload.progress'), localId: z.string(), sentBytes: z.number().nonnegative(), totalBytes: z.number().nonnegative() }),
  'download.progress': z.object({
    type: z.literal('download.progress'), downloadId: z.string(), receivedBytes: z.number().nonnegative(), totalBytes: z.number().nonnegative().exactOptional(),
  }),
  'history.gap': z.object({ type: z.literal('history.gap'), conversationId: id, after: gapPoint.exactOptional(), before: gapPoint, reason: name.exactOptional() })
    .refine((gap) => gap.after === undefined || gap.after.timestamp <= gap.before.timestamp, { message: 'after is later than before', path: ['after'] }),
} satisfies { readonly [K in ProtocolEventType]: z.ZodType };

/** Every event a plugin may emit, as one schema. */
export const protocolEventSchema = z.union(Object.values(protocolEventSchemas));

function isKnownType(type: string): type is ProtocolEventType {
  return Object.hasOwn(protocolEventSchemas, type);
}

/** What checking one emitted event found. */
export type ProtocolEventCheck =
  | { readonly ok: true; readonly event: ProtocolEvent }
  /** A type this version of the API does not define: the core ignores it. */
  | { readonly ok: 'unknown-type'; readonly type: string }
  | { readonly ok: false; readonly problem: string };

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(event)'} ${issue.message}`).join('; ');
}

/** Checks one value a plugin emitted as an event. */
export function checkProtocolEvent(value: unknown): ProtocolEventCheck {
  if (typeof value !== 'object' || value === null) return { ok: false, problem: 'not an object' };
  const type: unknown = Reflect.get(value, 'type');
  if (typeof type !== 'string') return { ok: false, problem: 'no type' };
  if (!isKnownType(type)) return { ok: 'unknown-type', type };
  const result = protocolEventSchemas[type].safeParse(value);
  if (!result.success) return { ok: false, problem: `${type}: ${describeIssues(result.error)}` };
  return { ok: true, event: result.data };
}

/** Why an event cannot be used, or undefined when it can. Unknown types pass (the core ignores them later). */
export function protocolEventProblem(value: unknown): string | undefined {
  const check = checkProtocolEvent(value);
  return check.ok === false ? check.problem : undefined;
}
