/**
 * What a screen reader says for one message of the log: its accessible name, read when the
 * list item is reached, e.g. "Alice, 6:53 PM: hello". A reply names whom it answers, a
 * reaction who reacted, a file its name. The time is given already formatted, as the log
 * shows it, so the name and the screen say the same.
 */
import type { MessageView } from '../../electron/bridge/schemas.js';
import { i18n } from '../i18n/index.js';

function attachmentsPart(message: MessageView): string {
  const names = (message.attachments ?? []).map((attachment) => attachment.name);
  if (names.length === 0) return '';
  return names.length === 1 ? i18n.t('messageLabel.file', { name: names.join('') }) : i18n.t('messageLabel.files', { names: names.join(', ') });
}

function reactionsPart(message: MessageView): string {
  const reactions = (message.reactions ?? []).filter((reaction) => reaction.senders.length > 0);
  if (reactions.length === 0) return '';
  const list = reactions.map((reaction) => i18n.t('messageLabel.reactionFrom', { reaction: reaction.reaction, names: reaction.senders.map((sender) => sender.name).join(', ') })).join('; ');
  return i18n.t('messageLabel.reactions', { list });
}

/** `replyTarget` is the message replied to, when it is loaded (else the reply's own sender name is used). */
export function messageLabel(message: MessageView, time: string, replyTarget?: MessageView): string {
  const body = message.deleted === true ? i18n.t('parts.deleted') : message.body;
  const repliedTo = message.replyTo === undefined ? undefined : replyTarget?.senderName ?? message.replyTo.senderName;
  const failed = message.status === 'failed' ? i18n.t('messageLabel.notSent') : '';
  const values = { time, sender: message.senderName, body, target: repliedTo ?? '' };
  const head = message.kind === 'action' ? i18n.t('messageLabel.action', values)
    : message.kind === 'event' ? i18n.t('messageLabel.event', values)
      : message.kind === 'notice' ? i18n.t('messageLabel.notice', values)
        : message.replyTo === undefined ? i18n.t('messageLabel.message', values)
          : repliedTo === undefined ? i18n.t('messageLabel.reply', values) : i18n.t('messageLabel.replyTo', values);
  return `${head}${attachmentsPart(message)}${reactionsPart(message)}${failed}`;
}
