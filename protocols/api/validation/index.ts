/**
 * `switchboard-plugin-sdk/validation`: the schemas the core checks plugins with, for plugins
 * and tests to check themselves the same way. Kept apart from the main entry so that a
 * plugin that does not validate does not bundle zod.
 */
export { capabilitiesSchema, accountFieldSchema, manifestProblem, pluginCommandSchema, pluginManifestSchema } from './manifestSchemas.js';
export {
  attachmentSchema, certificateDetailSchema, contactSchema, conversationSchema, incomingMessageSchema, memberSchema,
  messageReferenceSchema, presenceOutcomeSchema, presenceSchema, presenceStatusSchema, protocolErrorDataSchema,
  roomDirectoryEntrySchema, senderTrustSchema, userRequestSchema,
} from './modelSchemas.js';
export { checkProtocolEvent, protocolEventProblem, protocolEventSchema, protocolEventSchemas, type ProtocolEventCheck } from './eventSchemas.js';
export { checkConnectionResult, connectionResultSchemas, parseConnectionResult, type ConnectionResultCheck } from './resultSchemas.js';
export { capabilityProblems } from './capabilityMethods.js';
export type { SchemasAgreeWithTypes, EventSchemasAgree, ResultSchemasAgree } from './agreement.js';
