/**
 * The manifest a plugin declares (manifest.ts), as the core checks it when a plugin loads
 * and as the conformance kit checks it. Keys the core does not know are ignored, as the API
 * promises older cores ("adding a flag never breaks an older plugin"); agreement.ts checks
 * at compile time that these schemas and the types in manifest.ts describe the same data.
 */
import { z } from 'zod';
import { apiRangeAccepts } from '../apiRange.js';

const flag = z.boolean().exactOptional();

/** What a network can do ({@link Capabilities}); every flag optional, unknown ones ignored. */
export const capabilitiesSchema = z.object({
  directMessages: flag, rooms: flag, actions: flag, topics: flag, typing: flag, contactList: flag, history: flag,
  roomPasswords: flag, edits: flag, deletes: flag, reactions: flag, replies: flag, receipts: flag, presence: flag,
  invisible: flag, contactManagement: flag, contactGroups: flag, roomDirectory: flag, roomDirectoryServers: flag, fileUpload: flag, fileDownload: flag,
  encryption: flag, invites: flag, kicks: flag, avatars: flag, roomNicks: flag, resendSafe: flag,
  coreRejoinsRooms: flag, threads: flag, blockMembers: flag, ownProfile: flag, ownProfileRead: flag, memberRoles: flag, destroyRooms: flag, roomSettings: flag, affiliationLists: flag,
});

const fieldBase = {
  key: z.string(),
  label: z.string().min(1),
  help: z.string().exactOptional(),
  required: z.boolean().exactOptional(),
  advanced: z.boolean().exactOptional(),
};

export const accountFieldSchema = z.discriminatedUnion('kind', [
  z.object({
    ...fieldBase, kind: z.literal('text'), default: z.string().exactOptional(), placeholder: z.string().exactOptional(),
    pattern: z.string().exactOptional(), patternMessage: z.string().exactOptional(), maxLength: z.number().exactOptional(),
  }),
  z.object({ ...fieldBase, kind: z.literal('secret') }),
  z.object({ ...fieldBase, kind: z.literal('number'), default: z.number().exactOptional(), min: z.number().exactOptional(), max: z.number().exactOptional() }),
  z.object({ ...fieldBase, kind: z.literal('boolean'), default: z.boolean().exactOptional() }),
  z.object({
    ...fieldBase, kind: z.literal('choice'),
    choices: z.array(z.object({ value: z.string(), label: z.string() })).readonly(),
    default: z.string().exactOptional(),
  }),
]);

export const pluginCommandSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9-]+$/, 'Use letters, digits and - only'),
  usage: z.string(),
  description: z.string(),
});

export const pluginManifestSchema = z.object({
  id: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
  version: z.string().min(1),
  apiVersion: z.string().min(1),
  description: z.string().exactOptional(),
  capabilities: capabilitiesSchema,
  accountFields: z.array(accountFieldSchema).readonly(),
  accountLabelField: z.string(),
  roomPlaceholder: z.string().exactOptional(),
  commands: z.array(pluginCommandSchema).readonly().exactOptional(),
  author: z.string().max(200).exactOptional(),
  nativeAddons: z.boolean().exactOptional(),
});

/**
 * Why a manifest cannot be used, or undefined when it can: its shape, an API range that
 * accepts one of `supportedApiVersions`, a text field as the account label, and account
 * field keys that are unique and of letters, digits, `_` and `-`.
 */
export function manifestProblem(manifest: unknown, supportedApiVersions: readonly string[]): string | undefined {
  const shape = pluginManifestSchema.safeParse(manifest);
  if (!shape.success) return `malformed manifest: ${shape.error.message}`;
  const checked = shape.data;
  if (!supportedApiVersions.some((version) => apiRangeAccepts(checked.apiVersion, version))) {
    return `it needs plugin API ${JSON.stringify(checked.apiVersion)}, this Switchboard provides ${supportedApiVersions.join(', ')}`;
  }
  const label = checked.accountFields.find((field) => field.key === checked.accountLabelField);
  if (!label || label.kind !== 'text') return `accountLabelField "${checked.accountLabelField}" is not a text field`;
  const keys = new Set<string>();
  for (const field of checked.accountFields) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(field.key)) return `account field key "${field.key}" is not allowed`;
    if (keys.has(field.key)) return `account field "${field.key}" is declared twice`;
    keys.add(field.key);
  }
  return undefined;
}
