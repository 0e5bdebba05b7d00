/**
 * Switchboard's JSON Lines history: one message per line, self-describing (its account and
 * conversation on every line, so that any slice of the file can be imported alone), times in
 * ISO 8601 UTC. Export writes it, import reads it; a round trip gives the same bytes, so the
 * key order here is the file's.
 */
import { z } from 'zod';
import type { SourceConversation, SourceMessage } from './historySource.js';

const attachmentSchema = z.object({
  name: z.string(), kind: z.enum(['image', 'video', 'audio', 'file']), url: z.string(),
  mimeType: z.string().optional(), size: z.number().optional(), sha256: z.string().optional(),
});

export const historyRecordSchema = z.object({
  id: z.number().int().positive().optional(),
  networkId: z.string().optional(),
  time: z.iso.datetime({ offset: true }),
  account: z.object({ id: z.string().min(1), plugin: z.string().min(1), identity: z.string() }),
  conversation: z.object({ networkId: z.string().min(1), kind: z.enum(['direct', 'room']), title: z.string() }),
  sender: z.object({ id: z.string(), name: z.string() }),
  direction: z.enum(['in', 'out']),
  status: z.enum(['received', 'queued', 'sending', 'sent', 'failed']),
  kind: z.enum(['text', 'action', 'notice', 'event']),
  body: z.string(),
  html: z.string().optional(),
  edited: z.literal(true).optional(),
  deleted: z.literal(true).optional(),
  replyTo: z.string().optional(),
  attachments: z.array(attachmentSchema).optional(),
});

export type HistoryRecord = z.infer<typeof historyRecordSchema>;
export type RecordAttachment = z.infer<typeof attachmentSchema>;

interface StoredAttachmentJson {
  name?: unknown; kind?: unknown; url?: unknown; mimeType?: unknown; size?: unknown; reference?: unknown; sha256?: unknown;
}

/** A file's SHA-256: kept by an import, else the one a Matrix encrypted file carries in its reference (hashes.sha256). */
function sha256Of(attachment: StoredAttachmentJson): string | undefined {
  if (typeof attachment.sha256 === 'string') return attachment.sha256;
  if (typeof attachment.reference !== 'string') return undefined;
  try {
    const hashes = (JSON.parse(attachment.reference) as { hashes?: { sha256?: unknown } }).hashes;
    return typeof hashes?.sha256 === 'string' ? hashes.sha256 : undefined;
  } catch {
    return undefined;
  }
}

/** The attachments as exported: name, kind, address, type, size and hash; never the plugin's reference (it may hold a key). */
function exportedAttachments(json: string): RecordAttachment[] {
  return (JSON.parse(json) as StoredAttachmentJson[]).map((a) => {
    const sha256 = sha256Of(a);
    const kind = a.kind === 'image' || a.kind === 'video' || a.kind === 'audio' ? a.kind : 'file';
    return {
      name: typeof a.name === 'string' ? a.name : '', kind, url: typeof a.url === 'string' ? a.url : '',
      ...(typeof a.mimeType === 'string' ? { mimeType: a.mimeType } : {}),
      ...(typeof a.size === 'number' ? { size: a.size } : {}),
      ...(sha256 !== undefined ? { sha256 } : {}),
    };
  });
}

export function toHistoryRecord(conversation: SourceConversation, message: SourceMessage): HistoryRecord {
  const reply = message.reply_to === null ? undefined : (JSON.parse(message.reply_to) as { networkId?: unknown }).networkId;
  return {
    id: message.id,
    ...(message.network_id !== null ? { networkId: message.network_id } : {}),
    time: new Date(message.timestamp).toISOString(),
    account: { id: conversation.accountId, plugin: conversation.pluginId, identity: conversation.accountIdentity },
    conversation: { networkId: conversation.networkId, kind: conversation.kind, title: conversation.title },
    sender: { id: message.sender_id, name: message.sender_name },
    direction: message.direction,
    status: message.status as HistoryRecord['status'],
    kind: message.kind,
    body: message.body,
    ...(message.html !== null ? { html: message.html } : {}),
    ...(message.edited ? { edited: true as const } : {}),
    ...(message.deleted ? { deleted: true as const } : {}),
    ...(typeof reply === 'string' ? { replyTo: reply } : {}),
    ...(message.attachments !== null ? { attachments: exportedAttachments(message.attachments) } : {}),
  };
}

/**
 * A writer of {@link toHistoryRecord}'s lines for one conversation, byte for byte
 * `JSON.stringify(toHistoryRecord(conversation, message))`, built as a string: the account
 * and conversation (the same on every line) are serialized once, and no record object is
 * made per message. An export of a million messages spent most of its time building and
 * walking those objects (node --cpu-prof).
 */
export function historyLineWriter(conversation: SourceConversation): (message: SourceMessage) => string {
  const context = `,"account":${JSON.stringify({ id: conversation.accountId, plugin: conversation.pluginId, identity: conversation.accountIdentity })}`
    + `,"conversation":${JSON.stringify({ networkId: conversation.networkId, kind: conversation.kind, title: conversation.title })}`;
  const str = JSON.stringify;
  return (message) => {
    let line = `{"id":${str(message.id)}`;
    if (message.network_id !== null) line += `,"networkId":${str(message.network_id)}`;
    line += `,"time":"${new Date(message.timestamp).toISOString()}"${context},"sender":{"id":${str(message.sender_id)},"name":${str(message.sender_name)}}`
      + `,"direction":${str(message.direction)},"status":${str(message.status)},"kind":${str(message.kind)},"body":${str(message.body)}`;
    if (message.html !== null) line += `,"html":${str(message.html)}`;
    if (message.edited) line += ',"edited":true';
    if (message.deleted) line += ',"deleted":true';
    if (message.reply_to !== null) {
      const reply = (JSON.parse(message.reply_to) as { networkId?: unknown }).networkId;
      if (typeof reply === 'string') line += `,"replyTo":${str(reply)}`;
    }
    if (message.attachments !== null) line += `,"attachments":${str(exportedAttachments(message.attachments))}`;
    return `${line}}`;
  };
}
