/**
 * The shape of a plugin manifest (protocols/api/manifest.ts) as the core checks it when
 * a plugin loads: its own schema, not the UI's view of a plugin (bridge/schemas.ts
 * `pluginViewSchema`), so that a change to what the UI shows does not change which
 * plugins load. Keys the core does not know are ignored, as the API promises older
 * cores ("adding a flag never breaks an older plugin").
 */
import { z } from 'zod';
import type { Capabilities, PluginCommand } from '../../../protocols/api/index.js';

const flag = z.boolean().optional();

/** Every capability of the API; a new one fails to compile here until it is added. */
const capabilityFlags = {
  directMessages: flag, rooms: flag, actions: flag, topics: flag, typing: flag, contactList: flag, history: flag,
  roomPasswords: flag, edits: flag, deletes: flag, reactions: flag, replies: flag, receipts: flag, presence: flag,
  contactManagement: flag, roomDirectory: flag, fileUpload: flag, fileDownload: flag, encryption: flag, invites: flag,
  kicks: flag, avatars: flag, roomNicks: flag, resendSafe: flag, invisible: flag, contactGroups: flag,
} satisfies Record<keyof Capabilities, typeof flag>;

const fieldBase = {
  key: z.string(),
  label: z.string(),
  help: z.string().optional(),
  required: z.boolean().optional(),
  advanced: z.boolean().optional(),
};

const accountField = z.discriminatedUnion('kind', [
  z.object({
    ...fieldBase, kind: z.literal('text'), default: z.string().optional(), placeholder: z.string().optional(),
    pattern: z.string().optional(), patternMessage: z.string().optional(), maxLength: z.number().optional(),
  }),
  z.object({ ...fieldBase, kind: z.literal('secret') }),
  z.object({ ...fieldBase, kind: z.literal('number'), default: z.number().optional(), min: z.number().optional(), max: z.number().optional() }),
  z.object({ ...fieldBase, kind: z.literal('boolean'), default: z.boolean().optional() }),
  z.object({ ...fieldBase, kind: z.literal('choice'), choices: z.array(z.object({ value: z.string(), label: z.string() })), default: z.string().optional() }),
]);

const command = z.object({ name: z.string(), usage: z.string(), description: z.string() }) satisfies z.ZodType<PluginCommand>;

export const pluginManifestSchema = z.object({
  id: z.string(),
  name: z.string(),
  version: z.string(),
  apiVersion: z.string(),
  description: z.string().optional(),
  capabilities: z.object(capabilityFlags),
  accountFields: z.array(accountField),
  accountLabelField: z.string(),
  roomPlaceholder: z.string().optional(),
  commands: z.array(command).optional(),
  author: z.string().max(200).optional(),
  nativeAddons: z.boolean().optional(),
});
