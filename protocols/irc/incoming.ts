/**
 * Incoming PRIVMSG / NOTICE / CTCP ACTION to events: channel or query conversation,
 * server-time and msgid tags, formatting stripped, server notices to the console.
 */
import type { MessageKind, ProtocolEvent } from '../api/index.js';
import type { MessageEvent } from 'irc-framework';
import { stripFormatting } from './formatting.js';
import { ircLower } from './members.js';

const CHANNEL_PREFIXES = '#&+!';

export function isChannelName(target: string): boolean {
  return target.length > 1 && CHANNEL_PREFIXES.includes(target.charAt(0));
}

export interface IncomingContext {
  readonly emit: (event: ProtocolEvent) => void;
  /** Direct conversations already announced (ids). */
  readonly knownDirect: Set<string>;
}

/** Map one message event; returns without emitting for lines that belong nowhere. */
export function handleIncoming(ctx: IncomingContext, kind: Extract<MessageKind, 'text' | 'notice' | 'action'>, event: MessageEvent): void {
  const text = stripFormatting(event.message ?? '');
  const target = event.target ?? '';
  const nick = event.nick ?? '';
  const timestamp = typeof event.time === 'number' && Number.isFinite(event.time) ? event.time : Date.now();

  if (!nick || event.from_server || target === '*' || target.toUpperCase() === 'AUTH') {
    if (kind === 'notice' || !nick) ctx.emit({ type: 'server.notice', text, timestamp });
    return;
  }

  let conversationId: string;
  if (isChannelName(target)) {
    conversationId = ircLower(target);
  } else {
    conversationId = ircLower(nick);
    if (!ctx.knownDirect.has(conversationId)) {
      ctx.knownDirect.add(conversationId);
      ctx.emit({ type: 'conversation.upserted', conversation: { id: conversationId, kind: 'direct', title: nick } });
    }
  }

  const msgid = event.tags?.['msgid'];
  ctx.emit({
    type: 'message.received',
    message: {
      conversationId,
      senderId: ircLower(nick),
      senderName: nick,
      kind,
      body: text,
      timestamp,
      ...(typeof msgid === 'string' && msgid ? { networkId: msgid } : {}),
    },
  });
}
