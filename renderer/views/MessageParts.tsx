/** Pieces of one message line: its body, reply quote, attachments, reactions and status. */
import { useMemo, useState } from 'react';
import type { Attachment, MessageView } from '../../electron/bridge/schemas.js';
import { describeLink, previewableImageUrl } from '../content/links.js';
import { linkifyText } from '../content/linkify.js';
import { sanitizeHtml } from '../content/sanitizeHtml.js';
import { errorMessage } from '../state/actions.js';
import { excerpt, formatSize, outgoingStatus, reactionSenders } from '../state/messageRules.js';
import { useActions } from './AppContext.js';
import { RichText } from './RichText.js';
import { TrustMarkIcon } from './TrustMark.js';

export function messageElementId(message: { readonly conversationId: number; readonly id: number }): string {
  return `message-${message.conversationId}-${message.id}`;
}

export function MessageBody({ message }: { readonly message: MessageView }) {
  const actions = useActions();
  const nodes = useMemo(
    () => (message.html !== undefined && message.html !== '' ? sanitizeHtml(message.html) : linkifyText(message.body)),
    [message.html, message.body],
  );
  if (message.deleted === true) return <span className="message-body deleted">message deleted</span>;
  const edited = message.edited === true ? <span className="message-edited"> (edited)</span> : null;
  if (message.undecryptable === true) {
    return (
      <span className="message-body undecryptable">
        <span aria-hidden="true">🔒 </span><span className="visually-hidden">Not decrypted: </span>{message.body}
      </span>
    );
  }
  const rich = <RichText nodes={nodes} onOpenLink={(href, text) => actions.askToOpenLink(href, text)} />;
  return (
    <span className="message-body">
      {message.kind === 'action' ? <>* {message.senderName} </> : null}{rich}{edited}<TrustMarkIcon message={message} />
    </span>
  );
}

export function ReplyQuote({ message, target }: { readonly message: MessageView; readonly target: MessageView | undefined }) {
  const reply = message.replyTo;
  if (!reply) return null;
  const who = target?.senderName ?? reply.senderName;
  const text = excerpt(target ? (target.deleted === true ? 'message deleted' : target.body) : (reply.excerpt ?? ''));
  const content = <>{who !== undefined ? <span className="reply-sender">{who}: </span> : null}<span className="reply-excerpt">{text || '…'}</span></>;
  if (!target) return <blockquote className="reply-quote">{content}</blockquote>;
  const jump = (): void => {
    const element = document.getElementById(messageElementId(target));
    if (!element) return;
    if (typeof element.scrollIntoView === 'function') element.scrollIntoView({ block: 'center' });
    element.focus();
  };
  return (
    <button type="button" className="reply-quote" title="Show the message this replies to" onClick={jump}>
      <span className="visually-hidden">In reply to </span>{content}
    </button>
  );
}

function AttachmentItem({ attachment }: { readonly attachment: Attachment }) {
  const actions = useActions();
  const [preview, setPreview] = useState(false);
  const link = describeLink(attachment.url);
  const image = attachment.kind === 'image';
  const previewUrl = image && preview ? previewableImageUrl(attachment.url, window.location.href) : null;
  return (
    <li className="attachment">
      <span aria-hidden="true">📎 </span>
      {link ? (
        <a href={link.href} rel="noopener noreferrer" onClick={(event) => { event.preventDefault(); actions.askToOpenLink(link.href, attachment.name); }}>
          {attachment.name}
        </a>
      ) : <span>{attachment.name}</span>}
      {attachment.size !== undefined ? <span className="attachment-size"> ({formatSize(attachment.size)})</span> : null}
      {image ? (
        <button type="button" className="small-button" aria-expanded={preview} onClick={() => setPreview((shown) => !shown)}>
          {preview ? 'Hide preview' : 'Show preview'}
        </button>
      ) : null}
      {preview && previewUrl !== null ? <img className="attachment-preview" src={previewUrl} alt={attachment.name} /> : null}
      {preview && previewUrl === null ? <p className="attachment-note">No preview: the image is on another server. Open the link to see it.</p> : null}
    </li>
  );
}

export function Attachments({ message }: { readonly message: MessageView }) {
  const attachments = message.attachments ?? [];
  if (attachments.length === 0 || message.deleted === true) return null;
  return (
    <ul className="attachments" aria-label="Attachments">
      {attachments.map((attachment, index) => <AttachmentItem key={`${attachment.url}-${index}`} attachment={attachment} />)}
    </ul>
  );
}

export function Reactions({ message, canReact }: { readonly message: MessageView; readonly canReact: boolean }) {
  const actions = useActions();
  const [error, setError] = useState<string | null>(null);
  const reactions = (message.reactions ?? []).filter((reaction) => reaction.senders.length > 0);
  if (reactions.length === 0 || message.deleted === true) return null;
  const toggle = (reaction: string): void => {
    setError(null);
    actions.toggleReaction(message, reaction).catch((caught: unknown) => setError(`Reaction not changed: ${errorMessage(caught)}`));
  };
  return (
    <div className="reactions">
      {reactions.map((reaction) => (
        <button key={reaction.reaction} type="button" className={reaction.mine ? 'reaction-chip mine' : 'reaction-chip'}
          aria-pressed={reaction.mine} disabled={!canReact} title={reactionSenders(reaction)} onClick={() => toggle(reaction.reaction)}>
          {reaction.reaction} {reaction.senders.length}
        </button>
      ))}
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </div>
  );
}

export function MessageStatusText({ message }: { readonly message: MessageView }) {
  const status = outgoingStatus(message);
  if (!status) return null;
  const title = status.tone === 'queued' ? 'Waiting in the outbox: sent when the account is online' : undefined;
  return <span className={`message-status ${status.tone}`} title={title}>{status.text}</span>;
}
