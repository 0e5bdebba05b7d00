/**
 * m.room.message content both ways (spec §Instant Messaging: msgtypes and formatted
 * bodies; §Rich replies; §Event replacements).
 */
import { markupToHtml, parseMarkup, type Attachment, type MessageKind, type MessageReference, type SendMessageRequest } from '../api/index.js';

export interface ParsedContent {
  readonly kind: Extract<MessageKind, 'text' | 'action' | 'notice'>;
  readonly body: string;
  readonly html?: string;
  readonly replyToId?: string;
  /** §Threading: the thread's root event, for an event with an `m.thread` relation. */
  readonly threadRootId?: string;
  readonly attachments?: readonly Attachment[];
}

type Json = Readonly<Record<string, unknown>>;

function record(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Json : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * §Rich replies: before v1.13 a reply's body began with a fallback quote ("> <@bob:x> hi"
 * lines, then a blank line) and its formatted body with `<mx-reply>…</mx-reply>`. Clients
 * that show the reply themselves strip both.
 */
export function stripReplyFallback(body: string): string {
  if (!body.startsWith('> ')) return body;
  const lines = body.split('\n');
  let index = 0;
  while (index < lines.length && (lines[index] ?? '').startsWith('> ')) index++;
  if (index < lines.length && lines[index] === '') index++;
  return lines.slice(index).join('\n');
}

export function stripHtmlReplyFallback(html: string): string {
  return html.replace(/^\s*<mx-reply>[\s\S]*?<\/mx-reply>/i, '');
}

const ATTACHMENT_KINDS: Readonly<Record<string, Attachment['kind']>> = {
  'm.image': 'image', 'm.video': 'video', 'm.audio': 'audio', 'm.file': 'file',
};

function attachmentOf(msgtype: string, content: Json, body: string): Attachment | undefined {
  const kind = ATTACHMENT_KINDS[msgtype];
  if (!kind) return undefined;
  // Unencrypted media carry `url`; encrypted media an EncryptedFile in `file` (§Sending encrypted attachments).
  const file = record(content['file']);
  const url = str(content['url']) ?? str(file?.['url']);
  if (!url) return undefined;
  const info = record(content['info']);
  const mimeType = str(info?.['mimetype']);
  const size = info?.['size'];
  const name = str(content['filename']) ?? body;
  return {
    url, name: name || 'file', kind,
    ...(mimeType !== undefined ? { mimeType } : {}),
    ...(typeof size === 'number' && Number.isFinite(size) && size >= 0 ? { size } : {}),
    // The key, iv and hashes, for mediaDownload.ts to decrypt and verify the file later.
    ...(str(content['url']) === undefined && file ? { reference: JSON.stringify(file) } : {}),
  };
}

/** Read an m.room.message content (or an edit's `m.new_content`). Undefined when it is not one we can show. */
export function parseMessageContent(contentValue: unknown): ParsedContent | undefined {
  const content = record(contentValue);
  if (!content) return undefined;
  const msgtype = str(content['msgtype']);
  const rawBody = str(content['body']);
  if (msgtype === undefined || rawBody === undefined) return undefined;
  // An in-room verification request (§Key verification framework) is for the crypto, not the chat.
  if (msgtype === 'm.key.verification.request') return undefined;
  const relates = record(content['m.relates_to']);
  // §Threading: `rel_type: m.thread` names the root. Its `m.in_reply_to` is only the
  // fallback for clients without threads when `is_falling_back` is true: no reply then.
  const threadRootId = relates?.['rel_type'] === 'm.thread' ? str(relates['event_id']) || undefined : undefined;
  const fallingBack = threadRootId !== undefined && relates?.['is_falling_back'] === true;
  // An empty id is no reply (the core would refuse the whole message for it: found by the fuzzer).
  const replyToId = fallingBack ? undefined : str(record(relates?.['m.in_reply_to'])?.['event_id']) || undefined;
  const body = replyToId !== undefined ? stripReplyFallback(rawBody) : rawBody;
  const formatted = content['format'] === 'org.matrix.custom.html' ? str(content['formatted_body']) : undefined;
  // Passed through untouched: the core and UI sanitize it (model.ts, IncomingMessage.html).
  const html = formatted !== undefined && replyToId !== undefined ? stripHtmlReplyFallback(formatted) : formatted;
  const kind = msgtype === 'm.emote' ? 'action' : msgtype === 'm.notice' ? 'notice' : 'text';
  const attachment = attachmentOf(msgtype, content, body);
  let shown = body;
  if (msgtype === 'm.location') shown = `${body} (${str(content['geo_uri']) ?? 'location'})`;
  return {
    kind, body: shown,
    ...(html !== undefined ? { html } : {}),
    ...(replyToId !== undefined ? { replyToId } : {}),
    ...(threadRootId !== undefined ? { threadRootId } : {}),
    ...(attachment ? { attachments: [attachment] } : {}),
  };
}

/**
 * §Stickers: an `m.sticker` event is an image with a description in `body` and no
 * msgtype (its `url` is never an encrypted file); shown as the image it is.
 */
export function parseStickerContent(contentValue: unknown): ParsedContent | undefined {
  const content = record(contentValue);
  if (!content || str(content['url']) === undefined) return undefined;
  const parsed = parseMessageContent({ ...content, msgtype: 'm.image', body: str(content['body']) ?? 'sticker' });
  return parsed?.attachments ? parsed : undefined;
}

const MSGTYPES: Readonly<Record<SendMessageRequest['kind'], string>> = { text: 'm.text', action: 'm.emote', notice: 'm.notice' };

/**
 * The text and, when the user formatted it, the same as HTML (§m.room.message msgtypes:
 * `format: org.matrix.custom.html` with `formatted_body`; `body` keeps what was typed as the
 * plain fallback, as Element does).
 */
function textContent(kind: SendMessageRequest['kind'], body: string): Record<string, unknown> {
  const html = markupToHtml(parseMarkup(body));
  return { msgtype: MSGTYPES[kind], body, ...(html !== undefined ? { format: 'org.matrix.custom.html', formatted_body: html } : {}) };
}

/** Where a message the user sends goes: what it answers, its thread, whom it mentions. */
export interface OutgoingRelations {
  readonly replyTo?: MessageReference | undefined;
  readonly threadRootId?: string | undefined;
  /** The thread's newest event, for the reply fallback of clients without threads (§Threading). */
  readonly threadLatestId?: string | undefined;
  /** User ids mentioned on purpose (§User and room mentions). */
  readonly mentionIds?: readonly string[] | undefined;
}

/**
 * §Threading: a thread reply relates to its root with `m.thread`; `m.in_reply_to` is the
 * fallback for clients without threads (the thread's newest event, `is_falling_back`),
 * unless the user replied to one message in the thread on purpose.
 */
function relatesTo(relations: OutgoingRelations): Record<string, unknown> | undefined {
  const { replyTo, threadRootId } = relations;
  if (threadRootId !== undefined) {
    return {
      rel_type: 'm.thread', event_id: threadRootId, is_falling_back: replyTo === undefined,
      'm.in_reply_to': { event_id: replyTo?.networkId ?? relations.threadLatestId ?? threadRootId },
    };
  }
  // §Rich replies (v1.13+): the relation alone, no fallback quote.
  return replyTo ? { 'm.in_reply_to': { event_id: replyTo.networkId } } : undefined;
}

/**
 * §User and room mentions: every message says whom it mentions (`m.mentions`, empty for
 * nobody), so that other clients notify only those, never for a name in the text alone.
 * The sender of the message replied to is mentioned too, as the spec asks.
 */
function mentionsOf(relations: OutgoingRelations): Record<string, unknown> {
  const ids = new Set(relations.mentionIds ?? []);
  const repliedSender = relations.replyTo?.senderId;
  if (repliedSender !== undefined && repliedSender.startsWith('@')) ids.add(repliedSender);
  return ids.size > 0 ? { user_ids: [...ids] } : {};
}

/** Content for a message the user sends. */
export function messageContent(kind: SendMessageRequest['kind'], body: string, relations: OutgoingRelations = {}): Record<string, unknown> {
  const relates = relatesTo(relations);
  return {
    ...textContent(kind, body),
    'm.mentions': mentionsOf(relations),
    ...(relates ? { 'm.relates_to': relates } : {}),
  };
}

/** §Event replacements: `* body` as the fallback, the new content in `m.new_content`. */
export function editContent(targetEventId: string, kind: SendMessageRequest['kind'], body: string): Record<string, unknown> {
  const newContent = textContent(kind, body);
  const formatted = newContent['formatted_body'];
  return {
    msgtype: MSGTYPES[kind],
    body: `* ${body}`,
    ...(typeof formatted === 'string' ? { format: 'org.matrix.custom.html', formatted_body: `* ${formatted}` } : {}),
    'm.new_content': newContent,
    'm.relates_to': { rel_type: 'm.replace', event_id: targetEventId },
  };
}

/** The event a relation points at, and how (`m.replace`, `m.annotation`, …). */
export function relationOf(contentValue: unknown): { relType: string; eventId: string; key?: string } | undefined {
  const relates = record(record(contentValue)?.['m.relates_to']);
  const relType = str(relates?.['rel_type']);
  const eventId = str(relates?.['event_id']);
  if (relType === undefined || eventId === undefined) return undefined;
  const key = str(relates?.['key']);
  return { relType, eventId, ...(key !== undefined ? { key } : {}) };
}

/**
 * §User and room mentions: with `m.mentions` present, only the user ids in it (or `room:
 * true`, @room) mention someone; a name in the body alone does not. Undefined without it:
 * older clients, whose messages are judged by their text as before.
 */
export function mentionsSelfOf(contentValue: unknown, selfId: string): boolean | undefined {
  const mentions = record(record(contentValue)?.['m.mentions']);
  if (!mentions) return undefined;
  const userIds = mentions['user_ids'];
  return mentions['room'] === true || (Array.isArray(userIds) && userIds.includes(selfId));
}
