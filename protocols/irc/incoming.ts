/**
 * Incoming PRIVMSG / NOTICE / CTCP ACTION to messages: channel or query conversation,
 * IRCv3 server-time (https://ircv3.net/specs/extensions/server-time) and msgid
 * (https://ircv3.net/specs/extensions/message-ids) tags, formatting stripped into `body`
 * and kept as allowlisted `html`, our own echoes (echo-message) marked `fromSelf`, the message
 * answered (`+draft/reply`, messageActions.ts) as `replyTo`.
 */
import type { Capabilities, IncomingMessage, MessageKind, ProtocolEvent } from '../api/index.js';
import { formatLines, stripFormatting } from './formatting.js';
import { replyTarget } from './messageActions.js';
import type { NameRules } from './names.js';

export type TextKind = Extract<MessageKind, 'text' | 'notice' | 'action'>;

export interface IncomingContext {
  readonly emit: (event: ProtocolEvent) => void;
  /** Direct conversations already announced (ids). */
  readonly knownDirect: { has(id: string): boolean; add(id: string): unknown };
  readonly selfNick: () => string;
  /** How this server folds and recognises names (ISUPPORT CASEMAPPING, CHANTYPES). */
  readonly names: NameRules;
  /** Per-conversation capability overrides for this server (see Session.conversationCapabilities). */
  readonly capabilities?: () => Partial<Capabilities> | undefined;
}

/** The fields of a message line that matter here (from irc-framework's events or a raw line). */
export interface MessageLine {
  readonly nick?: string | undefined;
  readonly target?: string | undefined;
  readonly message?: string | undefined;
  readonly tags?: Readonly<Record<string, string | true>> | undefined;
  readonly time?: number | undefined;
  readonly from_server?: boolean | undefined;
}

/** Milliseconds from the server-time tag (or irc-framework's parsed time), else now. */
export function serverTime(line: MessageLine): number {
  if (typeof line.time === 'number' && Number.isFinite(line.time)) return line.time;
  const tag = line.tags?.['time'];
  const parsed = typeof tag === 'string' ? Date.parse(tag) : NaN;
  return Number.isFinite(parsed) ? parsed : Date.now();
}

/**
 * The message a line stands for, or undefined for lines that belong to no conversation
 * (server notices). Announces a new direct conversation through `ctx` first.
 */
export function toMessage(ctx: IncomingContext, kind: TextKind, line: MessageLine): IncomingMessage | undefined {
  const raw = line.message ?? '';
  const target = line.target ?? '';
  const nick = line.nick ?? '';
  if (!nick || line.from_server || target === '*' || target.toUpperCase() === 'AUTH' || nick.includes('.')) return undefined;
  const fromSelf = ctx.names.fold(nick) === ctx.names.fold(ctx.selfNick());
  let conversationId: string;
  if (ctx.names.isChannel(target)) {
    conversationId = ctx.names.fold(target);
  } else {
    const other = fromSelf ? target : nick;
    conversationId = ctx.names.fold(other);
    if (!ctx.knownDirect.has(conversationId)) {
      ctx.knownDirect.add(conversationId);
      const capabilities = ctx.capabilities?.();
      ctx.emit({ type: 'conversation.upserted', conversation: { id: conversationId, kind: 'direct', title: stripFormatting(other), ...(capabilities ? { capabilities } : {}) } });
    }
  }
  const msgid = line.tags?.['msgid'];
  const replyTo = replyTarget(line.tags);
  // A draft/multiline message (multiline.ts) keeps its line breaks.
  const { body, html } = formatLines(raw);
  return {
    conversationId,
    senderId: ctx.names.fold(nick),
    senderName: stripFormatting(nick),
    kind,
    body,
    timestamp: serverTime(line),
    ...(typeof msgid === 'string' && msgid ? { networkId: msgid } : {}),
    ...(html !== undefined ? { html } : {}),
    ...(replyTo !== undefined ? { replyTo: { networkId: replyTo } } : {}),
    ...(fromSelf ? { fromSelf: true } : {}),
  };
}

/** Map one live message event; server notices go to the console. */
export function handleIncoming(ctx: IncomingContext, kind: TextKind, line: MessageLine): IncomingMessage | undefined {
  const message = toMessage(ctx, kind, line);
  if (!message) {
    if (kind === 'notice' || !line.nick) ctx.emit({ type: 'server.notice', text: stripFormatting(line.message ?? ''), timestamp: serverTime(line) });
    return undefined;
  }
  return message;
}
