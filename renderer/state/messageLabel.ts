/**
 * What a screen reader says for one message of the log: its accessible name, read when the
 * list item is reached, e.g. "Alice, 6:53 PM: hello". A reply names whom it answers, a
 * reaction who reacted, a file its name. The time is given already formatted, as the log
 * shows it, so the name and the screen say the same.
 */
import type { MessageView } from '../../electron/bridge/schemas.js';

function attachmentsPart(message: MessageView): string {
  const names = (message.attachments ?? []).map((attachment) => attachment.name);
  if (names.length === 0) return '';
  return names.length === 1 ? `. File: ${names.join('')}` : `. Files: ${names.join(', ')}`;
}

function reactionsPart(message: MessageView): string {
  const reactions = (message.reactions ?? []).filter((reaction) => reaction.senders.length > 0);
  if (reactions.length === 0) return '';
  return `. Reactions: ${reactions.map((reaction) => `${reaction.reaction} from ${reaction.senders.map((sender) => sender.name).join(', ')}`).join('; ')}`;
}

/** `replyTarget` is the message replied to, when it is loaded (else the reply's own sender name is used). */
export function messageLabel(message: MessageView, time: string, replyTarget?: MessageView): string {
  const body = message.deleted === true ? 'message deleted' : message.body;
  const repliedTo = message.replyTo === undefined ? undefined : replyTarget?.senderName ?? message.replyTo.senderName;
  const reply = message.replyTo === undefined ? '' : repliedTo === undefined ? ', in reply' : `, in reply to ${repliedTo}`;
  const failed = message.status === 'failed' ? ' (not sent)' : '';
  const head = message.kind === 'action' ? `${time}: ${message.senderName} ${body}`
    : message.kind === 'event' ? `${time}: ${body}`
      : message.kind === 'notice' ? `${message.senderName}, ${time}, notice: ${body}`
        : `${message.senderName}, ${time}${reply}: ${body}`;
  return `${head}${attachmentsPart(message)}${reactionsPart(message)}${failed}`;
}
