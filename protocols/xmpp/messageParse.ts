/**
 * Reading a `<message/>` into plain facts, once, for every path a message can take (live,
 * carbon, archive). Nothing here trusts the sender: every field is optional and checked.
 */
import type { Attachment } from '../api/index.js';
import { decryptionOf, type Decryption } from './omemo/outcome.js';
import { retractionTarget } from './retraction.js';
import { NS, attr, child, childText, children, type Element } from './xml.js';

export type ChatState = 'active' | 'composing' | 'paused' | 'inactive' | 'gone';

export interface ParsedMessage {
  readonly from?: string;
  readonly to?: string;
  readonly type: string;
  /** The `id` attribute. */
  readonly id?: string;
  /** XEP-0359 origin-id. */
  readonly originId?: string;
  /** XEP-0359 stanza-ids with the entity that set them. */
  readonly stanzaIds: readonly { readonly id: string; readonly by: string }[];
  /** The body as sent (fallbacks included). */
  readonly rawBody?: string;
  /** The body without XEP-0428 fallback text for the features we handle (replies). */
  readonly body?: string;
  readonly subject?: string;
  /** XEP-0203 delay, ms since the epoch. */
  readonly delayedAt?: number;
  readonly chatState?: ChatState;
  /** XEP-0184 §5.1 request. */
  readonly receiptRequested: boolean;
  /** XEP-0184 §5.2 receipt for this message id. */
  readonly receivedId?: string;
  /** XEP-0333 markable, and displayed marker for this id. */
  readonly markable: boolean;
  readonly displayedId?: string;
  /** XEP-0308 correction of this id. */
  readonly replaceId?: string;
  /** XEP-0461 reply. */
  readonly reply?: { readonly to?: string; readonly id: string };
  /** XEP-0444 reactions to this id. */
  readonly reactions?: { readonly id: string; readonly emojis: readonly string[] };
  /** XEP-0066 out-of-band URL. */
  readonly oob?: { readonly url: string; readonly desc?: string };
  /** XEP-0334 no-store / no-permanent-store. */
  readonly noStore: boolean;
  /** XEP-0393 §6: the sender asks for its body not to be styled. */
  readonly unstyled: boolean;
  /** XEP-0172 nickname. */
  readonly nick?: string;
  /** OMEMO (XEP-0384): the body is the decrypted text, or why it could not be decrypted. */
  readonly decryption?: Decryption;
  /** XEP-0424 retraction of this id. */
  readonly retractId?: string;
}

const MAX_REACTIONS = 50;
const STATES: readonly ChatState[] = ['active', 'composing', 'paused', 'inactive', 'gone'];

/** XEP-0082 date-time to ms, or undefined. */
export function parseStamp(stamp: string | undefined, now = Date.now()): number | undefined {
  if (!stamp || stamp.length > 64) return undefined;
  const ms = Date.parse(stamp);
  if (!Number.isFinite(ms)) return undefined;
  // A stamp in whole seconds (Prosody's archive and offline stamps) means "during that
  // second". Taken as its start, a message caught up from the archive after a drop sorted
  // before the live ones the server had delivered earlier in that same second (the
  // server-kill fault test showed 30 such); its last millisecond (never later than now)
  // keeps the server's order.
  return /T\d\d:\d\d:\d\d\./.test(stamp) ? ms : Math.min(ms + 999, Math.max(ms, now));
}

/** Remove the XEP-0428 fallback ranges marked for `forNs` from `body` (code point offsets). */
export function stripFallback(stanza: Element, body: string, forNs: string): string {
  const ranges: [number, number][] = [];
  for (const fallback of children(stanza, 'fallback', NS.fallback)) {
    if (attr(fallback, 'for') !== forNs) continue;
    const bodies = children(fallback, 'body', NS.fallback);
    if (bodies.length === 0) return ''; // the whole body is fallback
    for (const range of bodies) {
      const start = Number(attr(range, 'start'));
      const end = Number(attr(range, 'end'));
      if (Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start) ranges.push([start, end]);
    }
  }
  if (ranges.length === 0) return body;
  const points = Array.from(body); // XEP-0428 §4 counts code points
  const keep = points.filter((_point, index) => !ranges.some(([start, end]) => index >= start && index < end));
  return keep.join('');
}

export function parseMessage(stanza: Element): ParsedMessage {
  const from = attr(stanza, 'from');
  const to = attr(stanza, 'to');
  const id = attr(stanza, 'id');
  const originId = attr(child(stanza, 'origin-id', NS.sid) ?? stanza, 'id');
  const stanzaIds = children(stanza, 'stanza-id', NS.sid).flatMap((node) => {
    const value = attr(node, 'id');
    const by = attr(node, 'by');
    return value && by ? [{ id: value, by: by.toLowerCase() }] : [];
  });
  const rawBody = childText(stanza, 'body', NS.client);
  const replyNode = child(stanza, 'reply', NS.reply);
  const replyId = replyNode ? attr(replyNode, 'id') : undefined;
  const replyTo = replyNode ? attr(replyNode, 'to') : undefined;
  const body = rawBody === undefined ? undefined : replyId ? stripFallback(stanza, rawBody, NS.reply) : rawBody;
  const delay = child(stanza, 'delay', NS.delay);
  const delayedAt = delay ? parseStamp(attr(delay, 'stamp')) : undefined;
  const chatState = STATES.find((state) => child(stanza, state, NS.chatStates) !== undefined);
  const receivedNode = child(stanza, 'received', NS.receipts);
  const receivedId = receivedNode ? attr(receivedNode, 'id') : undefined;
  const displayedNode = child(stanza, 'displayed', NS.markers);
  const displayedId = displayedNode ? attr(displayedNode, 'id') : undefined;
  const replaceNode = child(stanza, 'replace', NS.correction);
  const replaceId = replaceNode ? attr(replaceNode, 'id') : undefined;
  const reactionsNode = child(stanza, 'reactions', NS.reactions);
  const reactionsId = reactionsNode ? attr(reactionsNode, 'id') : undefined;
  const emojis = reactionsNode
    ? [...new Set(children(reactionsNode, 'reaction', NS.reactions).map((node) => node.text().trim()).filter((text) => text.length > 0 && text.length <= 64))].slice(0, MAX_REACTIONS)
    : [];
  const oobNode = child(stanza, 'x', NS.oob);
  const oobUrl = childText(oobNode, 'url', NS.oob)?.trim();
  const oobDesc = childText(oobNode, 'desc', NS.oob)?.trim();
  const subject = childText(stanza, 'subject', NS.client);
  const nick = childText(stanza, 'nick', NS.nick)?.trim().slice(0, 200);
  const decryption = decryptionOf(stanza);
  const retractId = retractionTarget(stanza);
  return {
    type: attr(stanza, 'type') ?? 'normal',
    stanzaIds,
    receiptRequested: child(stanza, 'request', NS.receipts) !== undefined,
    markable: child(stanza, 'markable', NS.markers) !== undefined,
    noStore: child(stanza, 'no-store', NS.hints) !== undefined || child(stanza, 'no-permanent-store', NS.hints) !== undefined,
    unstyled: child(stanza, 'unstyled', NS.styling) !== undefined,
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(id !== undefined ? { id } : {}),
    ...(originId !== undefined && child(stanza, 'origin-id', NS.sid) ? { originId } : {}),
    ...(rawBody !== undefined ? { rawBody } : {}),
    ...(body !== undefined ? { body } : {}),
    ...(subject !== undefined ? { subject } : {}),
    ...(delayedAt !== undefined ? { delayedAt } : {}),
    ...(chatState !== undefined ? { chatState } : {}),
    ...(receivedId !== undefined ? { receivedId } : {}),
    ...(displayedId !== undefined ? { displayedId } : {}),
    ...(replaceId !== undefined ? { replaceId } : {}),
    ...(replyId !== undefined ? { reply: { id: replyId, ...(replyTo !== undefined ? { to: replyTo } : {}) } } : {}),
    ...(reactionsId !== undefined ? { reactions: { id: reactionsId, emojis } } : {}),
    ...(oobUrl ? { oob: { url: oobUrl, ...(oobDesc ? { desc: oobDesc } : {}) } } : {}),
    ...(nick ? { nick } : {}),
    ...(decryption ? { decryption } : {}),
    ...(retractId !== undefined ? { retractId } : {}),
  };
}

/** The sender's own id for a message: origin-id, else the id attribute. */
export function senderMessageId(message: ParsedMessage): string | undefined {
  return message.originId ?? message.id;
}

/** The stanza-id set by `by` (a bare JID), if any. */
export function stanzaIdBy(message: ParsedMessage, by: string): string | undefined {
  return message.stanzaIds.find((entry) => entry.by === by)?.id;
}

/**
 * An attachment for an http(s) URL shared with XEP-0066 (what XEP-0363 uploads send), or for
 * an OMEMO-encrypted file: a decrypted body that is one `aesgcm://` link (XEP-0454).
 */
export function attachmentFor(message: ParsedMessage): Attachment | undefined {
  const body = message.body?.trim();
  const encryptedFile = message.decryption?.kind === 'decrypted' && body !== undefined && /^aesgcm:\/\/\S+$/i.test(body) ? body : undefined;
  const url = encryptedFile ?? message.oob?.url;
  if (!url || !/^(https?|aesgcm):\/\//i.test(url) || url.length > 4096) return undefined;
  let name = 'file';
  try {
    const last = new URL(url).pathname.split('/').filter(Boolean).pop();
    if (last) name = decodeURIComponent(last).slice(0, 255);
  } catch {
    return undefined;
  }
  const extension = name.toLowerCase().split('.').pop() ?? '';
  const kind: Attachment['kind'] = ['png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'heic', 'bmp'].includes(extension) ? 'image'
    : ['mp4', 'webm', 'mov', 'mkv'].includes(extension) ? 'video'
      : ['mp3', 'ogg', 'opus', 'm4a', 'aac', 'wav', 'flac'].includes(extension) ? 'audio' : 'file';
  return { url, name, kind };
}

/** XEP-0245: "/me " at the start of a body is an action. */
export function splitAction(body: string): { kind: 'text' | 'action'; body: string } {
  return body.startsWith('/me ') ? { kind: 'action', body: body.slice(4) } : { kind: 'text', body };
}
