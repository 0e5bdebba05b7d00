/**
 * What each connection method may resolve with, as a schema: the core checks a plugin's
 * answer before it uses it (a plugin is third-party code), which also turns the answer from
 * structured-clone data into the method's typed result. The map is keyed by every
 * {@link ConnectionMethod} and typed by {@link ConnectionResult}, so a changed result type
 * in connection.ts fails to compile here until its schema follows.
 */
import { z } from 'zod';
import type { ConnectionMethod, ConnectionResult } from '../calls.js';
import type { IncomingMessage } from '../model.js';
import { avatarSchema, id, incomingMessageSchema, name, presenceOutcomeSchema, roomDirectoryEntrySchema, roomRefSchema, roomSettingsSchema, affiliationEntrySchema } from './modelSchemas.js';

/** Methods that resolve with nothing: whatever arrives (the worker sends `null`) is dropped. */
const nothing = z.unknown().transform((): void => undefined);
const conversationRef = z.object({ conversationId: id });

/**
 * A history page keeps its well-formed messages and drops the others, one by one, rather
 * than failing the whole page for one bad message.
 */
const historyPage = z.object({
  messages: z.array(z.unknown()).max(10_000).transform((items): IncomingMessage[] =>
    items.flatMap((item) => {
      const parsed = incomingMessageSchema.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    })),
  complete: z.boolean(),
});

/** A schema per method (mapped over a type parameter, so that indexing it with a generic method keeps the method's type). */
type ResultSchemaMap<K extends ConnectionMethod = ConnectionMethod> = { readonly [M in K]: z.ZodType<ConnectionResult<M>> };

export const connectionResultSchemas: ResultSchemaMap = {
  connect: nothing,
  disconnect: nothing,
  sendMessage: nothing,
  joinRoom: conversationRef,
  leaveRoom: nothing,
  savedRooms: z.array(roomRefSchema).max(10_000).readonly(),
  openDirect: conversationRef,
  editMessage: nothing,
  deleteMessage: nothing,
  react: nothing,
  markRead: nothing,
  sendTyping: nothing,
  // Plugins before 0.5 resolve with nothing.
  setPresence: z.union([presenceOutcomeSchema, z.null().transform((): void => undefined)]),
  setTopic: nothing,
  fetchHistory: historyPage,
  addContact: nothing,
  updateContact: nothing,
  removeContact: nothing,
  setBlocked: nothing,
  answerRequest: nothing,
  listRooms: z.array(roomDirectoryEntrySchema).max(10_000).readonly(),
  inviteToRoom: nothing,
  setRoomNick: nothing,
  setProfile: nothing,
  getProfile: z.object({ displayName: name.exactOptional(), avatar: avatarSchema.exactOptional() }),
  kickMember: nothing,
  setMemberRole: nothing,
  destroyRoom: nothing,
  roomSettings: roomSettingsSchema,
  setRoomSettings: nothing,
  roomAffiliations: z.array(affiliationEntrySchema).max(10_000),
  setRoomAffiliation: nothing,
  uploadFile: nothing,
  downloadAttachment: z.object({ size: z.number().int().nonnegative(), mimeType: z.string().max(255).exactOptional() }),
  cancelDownload: nothing,
  runCommand: nothing,
};

export type ConnectionResultCheck<M extends ConnectionMethod> =
  | { readonly ok: true; readonly value: ConnectionResult<M> }
  | { readonly ok: false; readonly problem: string };

/** Checks what a plugin answered to `method` and gives it its type. */
export function checkConnectionResult<M extends ConnectionMethod>(method: M, value: unknown): ConnectionResultCheck<M> {
  const schemas: ResultSchemaMap = connectionResultSchemas;
  const schema: z.ZodType<ConnectionResult<M>> = schemas[method];
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problem: result.error.issues.map((issue) => `${issue.path.join('.') || '(result)'} ${issue.message}`).join('; ') };
}

/** {@link checkConnectionResult} that throws (with what is wrong) instead: for test doubles that answer like a plugin. */
export function parseConnectionResult<M extends ConnectionMethod>(method: M, value: unknown): ConnectionResult<M> {
  const checked = checkConnectionResult(method, value);
  if (!checked.ok) throw new Error(`${method} answered with unusable data: ${checked.problem}`);
  return checked.value;
}
