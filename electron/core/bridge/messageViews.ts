/**
 * The bridge's edge for messages: the one place a core Message (model/message.ts) becomes
 * the MessageView the UI is sent. Field by field, so the two can differ: the plugin's opaque
 * attachment `reference` (a decryption key, say) never leaves the core, and the error is the
 * bridge's (bridgeErrors.ts).
 */
import type { MessageView } from '../../bridge/schemas.js';
import type { Message } from '../model/message.js';
import { bridgeErrorOf } from './bridgeErrors.js';

export function messageView(message: Message): MessageView {
  return {
    id: message.id,
    conversationId: message.conversationId,
    ...(message.networkId !== undefined ? { networkId: message.networkId } : {}),
    senderId: message.senderId,
    senderName: message.senderName,
    kind: message.kind,
    body: message.body,
    ...(message.html !== undefined ? { html: message.html } : {}),
    timestamp: message.timestamp,
    order: message.order,
    direction: message.direction,
    status: message.status,
    ...(message.error ? { error: bridgeErrorOf(message.error) } : {}),
    ...(message.edited ? { edited: true } : {}),
    ...(message.deleted ? { deleted: true } : {}),
    ...(message.replyTo ? { replyTo: { ...message.replyTo } } : {}),
    ...(message.attachments ? { attachments: message.attachments.map(({ reference: _reference, ...shown }) => shown) } : {}),
    ...(message.reactions ? { reactions: message.reactions.map((r) => ({ reaction: r.reaction, senders: r.senders.map((s) => ({ ...s })), mine: r.mine })) } : {}),
    ...(message.receipt !== undefined ? { receipt: message.receipt } : {}),
    ...(message.encrypted ? { encrypted: true } : {}),
    ...(message.undecryptable ? { undecryptable: true } : {}),
    ...(message.senderTrust !== undefined ? { senderTrust: message.senderTrust } : {}),
    ...(message.threadRootId !== undefined ? { threadRootId: message.threadRootId } : {}),
    ...(message.mentionsSelf !== undefined ? { mentionsSelf: message.mentionsSelf } : {}),
  };
}
