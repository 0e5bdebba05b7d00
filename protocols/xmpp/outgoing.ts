/**
 * Building the messages we send: bodies with XEP-0359 origin-id, XEP-0184 receipt request,
 * XEP-0333 markable, XEP-0085 active state, XEP-0461 replies with XEP-0428 fallback, and
 * the size limit that keeps a message from killing the stream.
 */
import { ProtocolError, type MessageReference } from '../api/index.js';
import { NS, xml, type Element } from './xml.js';

/** Prosody's default stanza limit is 256 KiB (c2s_stanza_size_limit); stay well below it. */
export const MAX_BODY_BYTES = 200_000;

export function checkBodySize(body: string): void {
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes > MAX_BODY_BYTES) {
    const size = bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.round(bytes / 1000)} kB`;
    throw new ProtocolError('protocol',
      `The message is too long to send over XMPP (${size}; servers accept about ${MAX_BODY_BYTES / 1000} kB per message). Send it as a file instead.`);
  }
}

export interface BodyOptions {
  readonly to: string;
  readonly type: 'chat' | 'groupchat';
  readonly wireId: string;
  readonly body: string;
  readonly replyTo?: MessageReference & { readonly toJid?: string };
  /** Replace this message id (XEP-0308). */
  readonly replaceId?: string;
  readonly extra?: readonly Element[];
}

/** XEP-0461 §3 fallback: the quoted excerpt as "> " lines, marked with XEP-0428 ranges. */
function replyFallback(reference: MessageReference): string {
  const excerpt = (reference.excerpt ?? '').trim();
  if (!excerpt) return '';
  return `${excerpt.split('\n').slice(0, 5).map((line) => `> ${line.slice(0, 200)}`).join('\n')}\n`;
}

export function messageStanza(options: BodyOptions): Element {
  const fallback = options.replyTo ? replyFallback(options.replyTo) : '';
  const body = fallback + options.body;
  checkBodySize(body);
  const children: Element[] = [xml('body', {}, body), xml('origin-id', { xmlns: NS.sid, id: options.wireId })];
  if (options.type === 'chat') children.push(xml('request', { xmlns: NS.receipts }));
  children.push(xml('markable', { xmlns: NS.markers }), xml('active', { xmlns: NS.chatStates }));
  if (options.replyTo) {
    children.push(xml('reply', { xmlns: NS.reply, id: options.replyTo.networkId, ...(options.replyTo.toJid ? { to: options.replyTo.toJid } : {}) }));
    if (fallback) {
      children.push(xml('fallback', { xmlns: NS.fallback, for: NS.reply }, xml('body', { start: '0', end: String(Array.from(fallback).length) })));
    }
  }
  if (options.replaceId) children.push(xml('replace', { xmlns: NS.correction, id: options.replaceId }));
  children.push(...(options.extra ?? []));
  return xml('message', { to: options.to, type: options.type, id: options.wireId }, ...children);
}

/** XEP-0085 standalone notification (not stored: XEP-0334 no-store). */
export function chatStateStanza(to: string, type: 'chat' | 'groupchat', state: string): Element {
  return xml('message', { to, type }, xml(state, { xmlns: NS.chatStates }), xml('no-store', { xmlns: NS.hints }));
}

/** XEP-0444 reactions (the whole set; empty removes ours). */
export function reactionsStanza(to: string, type: 'chat' | 'groupchat', targetId: string, reactions: readonly string[], id: string): Element {
  return xml('message', { to, type, id },
    xml('reactions', { xmlns: NS.reactions, id: targetId }, ...reactions.map((reaction) => xml('reaction', {}, reaction))),
    xml('store', { xmlns: NS.hints }));
}
