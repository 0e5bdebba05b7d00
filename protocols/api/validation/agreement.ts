/**
 * Compile-time proof that the schemas and the API's TypeScript types describe the same
 * data, in both directions: every value of the type fits the schema's shape, and everything
 * the schema accepts is a value of the type. `readonly` and optional-`undefined` are
 * normalised away; lengths and other limits are the schemas' own. A drift (a field added to
 * one side only, a narrowed or widened type) fails `tsc` here.
 */
import type { z } from 'zod';
import type { ConnectionResult } from '../calls.js';
import type { ProtocolErrorData } from '../errors.js';
import type { ProtocolEvent, ProtocolEventType } from '../events.js';
import type { AccountField, Capabilities, PluginManifest } from '../manifest.js';
import type { Attachment, Contact, Conversation, IncomingMessage, Member, RoomDirectoryEntry, RoomRef, RoomSettings, UserRequest, AffiliationEntry, RoomAffiliation } from '../model.js';
import type { protocolEventSchemas } from './eventSchemas.js';
import type { accountFieldSchema, capabilitiesSchema, pluginManifestSchema } from './manifestSchemas.js';
import type {
  attachmentSchema, contactSchema, conversationSchema, incomingMessageSchema, memberSchema, protocolErrorDataSchema,
  roomDirectoryEntrySchema, roomRefSchema, roomSettingsSchema, userRequestSchema, affiliationEntrySchema, roomAffiliationSchema,
} from './modelSchemas.js';
import type { connectionResultSchemas } from './resultSchemas.js';

type Normalize<T> = T extends (...args: never[]) => unknown ? T
  : T extends readonly (infer U)[] ? Normalize<U>[]
  : T extends object ? { -readonly [K in keyof T]: Normalize<Exclude<T[K], undefined>> }
  : T;

/** Identical after normalising: also an optional field on one side only, which plain assignability lets through. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the identity-comparison idiom needs the unused X
type Same<A, B> = (<X>() => X extends Normalize<A> ? 1 : 2) extends (<X>() => X extends Normalize<B> ? 1 : 2) ? true : false;
type Assert<T extends true> = T;

/** The schema's parsed output and its input both agree with the type. */
type Agrees<S extends z.ZodType, T> = Same<z.output<S>, T> extends true ? Same<z.input<S>, T> : false;

export type SchemasAgreeWithTypes = [
  Assert<Agrees<typeof capabilitiesSchema, Capabilities>>,
  Assert<Agrees<typeof accountFieldSchema, AccountField>>,
  Assert<Agrees<typeof pluginManifestSchema, PluginManifest>>,
  Assert<Agrees<typeof protocolErrorDataSchema, ProtocolErrorData>>,
  Assert<Agrees<typeof attachmentSchema, Attachment>>,
  Assert<Agrees<typeof incomingMessageSchema, IncomingMessage>>,
  Assert<Agrees<typeof memberSchema, Member>>,
  Assert<Agrees<typeof conversationSchema, Conversation>>,
  Assert<Agrees<typeof contactSchema, Contact>>,
  Assert<Agrees<typeof userRequestSchema, UserRequest>>,
  Assert<Agrees<typeof roomDirectoryEntrySchema, RoomDirectoryEntry>>,
  Assert<Agrees<typeof roomRefSchema, RoomRef>>,
  Assert<Agrees<typeof roomSettingsSchema, RoomSettings>>,
  Assert<Agrees<typeof affiliationEntrySchema, AffiliationEntry>>,
  Assert<Agrees<typeof roomAffiliationSchema, RoomAffiliation>>,
];

/** Every event type's schema agrees with its interface. */
export type EventSchemasAgree = Assert<{
  [K in ProtocolEventType]: Agrees<(typeof protocolEventSchemas)[K], Extract<ProtocolEvent, { type: K }>>
}[ProtocolEventType]>;

/** Every result schema's output is exactly the method's result type. */
export type ResultSchemasAgree = Assert<{
  [M in keyof typeof connectionResultSchemas]: Same<z.output<(typeof connectionResultSchemas)[M]>, ConnectionResult<M>>
}[keyof typeof connectionResultSchemas]>;
