/**
 * Plugins are third-party code: the core checks the shape of every event before acting
 * on it. Only the events the core stores are checked field by field; the schemas follow
 * protocols/api/events.ts and a compile-time check below keeps them in step.
 */
import { z } from 'zod';
import type { IncomingMessage, Member, Conversation, ProtocolEvent } from '../../../protocols/api/index.js';

const MAX_BODY = 1_000_000;
const id = z.string().min(1).max(1024);

const incomingMessage = z.object({
  conversationId: id,
  networkId: z.string().max(1024).optional(),
  senderId: z.string().max(1024),
  senderName: z.string().max(1024),
  kind: z.enum(['text', 'action', 'notice', 'event']),
  body: z.string().max(MAX_BODY),
  timestamp: z.number(),
  fromSelf: z.boolean().optional(),
  localId: z.string().optional(),
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
});

const error = z.looseObject({ kind: z.string(), message: z.string() });

const schemas: Partial<Record<ProtocolEvent['type'], z.ZodType>> = {
  'connection.state': z.object({
    state: z.enum(['offline', 'connecting', 'online', 'reconnecting', 'failed']),
    error: error.optional(),
    selfId: z.string().optional(),
  }),
  'conversation.upserted': z.object({ conversation }),
  'message.received': z.object({ message: incomingMessage }),
  'message.confirmed': z.object({ localId: z.string(), networkId: z.string().max(1024).optional(), timestamp: z.number().optional() }),
  'message.failed': z.object({ localId: z.string(), error }),
  'members.changed': z.object({
    conversationId: id,
    reset: z.boolean().optional(),
    added: z.array(member).optional(),
    removed: z.array(z.string()).optional(),
    renamed: z.array(z.object({ from: z.string(), to: z.string() })).optional(),
  }),
  'typing': z.object({ conversationId: id, participantId: z.string(), state: z.enum(['active', 'paused', 'done']) }),
  'server.notice': z.object({ text: z.string().max(MAX_BODY), timestamp: z.number() }),
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

// Compile-time: the API types must satisfy these schemas' inputs.
type Assignable<T, U extends T> = U;
export type _ApiMatchesGuard = [
  Assignable<z.input<typeof incomingMessage>, IncomingMessage>,
  Assignable<z.input<typeof member>, Member>,
  Assignable<z.input<typeof conversation>, Conversation>,
];
