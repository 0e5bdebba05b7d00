/** Pieces of one message line: its body, reply quote, attachments, reactions and status. */
import { useEffect, useMemo, useState } from 'react';
import type { Attachment, MessageView } from '../../electron/bridge/schemas.js';
import { describeLink } from '../content/links.js';
import { messageNodes } from '../content/messageNodes.js';
import { errorMessage } from '../state/actions.js';
import { attachmentKey, savingText, type PreviewState, type SaveState } from '../state/attachments.js';
import { canPreview, previewByItself } from '../state/inlinePreviews.js';
import { excerpt, formatSize, outgoingStatus, reactionSenders } from '../state/messageRules.js';
import { useActions, useAppStore } from './AppContext.js';
import { RichText } from './RichText.js';
import { TrustMarkIcon } from './TrustMark.js';
import { IsolatedText } from './VisibleText.js';
import { useT } from '../i18n/index.js';
import { PART, splitAround } from '../i18n/splitAround.js';

export function messageElementId(message: { readonly conversationId: number; readonly id: number }): string {
  return `message-${message.conversationId}-${message.id}`;
}

export function MessageBody({ message }: { readonly message: MessageView }) {
  const actions = useActions();
  const t = useT();
  const { html, body } = message;
  const nodes = useMemo(() => messageNodes({ html, body }), [html, body]);
  if (message.deleted === true) return <span className="message-body deleted">{t('parts.deleted')}</span>;
  const edited = message.edited === true ? <span className="message-edited"> {t('parts.edited')}</span> : null;
  if (message.undecryptable === true) {
    return (
      <span className="message-body undecryptable">
        <span aria-hidden="true">🔒 </span><span className="visually-hidden">{t('parts.notDecrypted')} </span>{message.body}
      </span>
    );
  }
  const rich = <RichText nodes={nodes} onOpenLink={(href, text) => actions.askToOpenLink(href, text)} />;
  return (
    <span className="message-body">
      {message.kind === 'action' ? <>* <IsolatedText text={message.senderName} /> </> : null}{rich}{edited}<TrustMarkIcon message={message} />
    </span>
  );
}

export function ReplyQuote({ message, target }: { readonly message: MessageView; readonly target: MessageView | undefined }) {
  const t = useT();
  const reply = message.replyTo;
  if (!reply) return null;
  const who = target?.senderName ?? reply.senderName;
  const text = excerpt(target ? (target.deleted === true ? t('parts.deleted') : target.body) : (reply.excerpt ?? ''));
  const content = <>{who !== undefined ? <span className="reply-sender"><IsolatedText text={who} />: </span> : null}<span className="reply-excerpt"><IsolatedText text={text || '…'} /></span></>;
  if (!target) return <blockquote className="reply-quote">{content}</blockquote>;
  const jump = (): void => {
    const element = document.getElementById(messageElementId(target));
    if (!element) return;
    if (typeof element.scrollIntoView === 'function') element.scrollIntoView({ block: 'center' });
    element.focus();
  };
  return (
    <button type="button" className="reply-quote" title={t('parts.showReplied')} onClick={jump}>
      <span className="visually-hidden">{t('parts.inReplyTo')} </span>{content}
    </button>
  );
}

function SaveStatus({ save, onCancel }: { readonly save: SaveState | undefined; readonly onCancel: () => void }) {
  const t = useT();
  if (!save) return null;
  if (save.status === 'saving') {
    return (
      <>
        <span className="attachment-note" role="status">{savingText(save)}</span>
        <button type="button" className="small-button" onClick={onCancel}>{t('common.cancel')}</button>
      </>
    );
  }
  if (save.status === 'cancelled') return <span className="attachment-note" role="status">{t('parts.cancelled')}</span>;
  if (save.status === 'failed') return <p className="form-error" role="alert">{t('autoAway.notSaved', { error: save.error })}</p>;
  const [before, after] = splitAround(t('parts.savedAs', { name: PART, path: save.file.path }));
  return (
    <p className="attachment-note" role="status">
      {before}<strong>{save.file.name}</strong>{after}
      {save.file.executable ? <span className="attachment-warning"> ⚠ {t('parts.program')}</span> : null}
    </p>
  );
}

function PreviewPart({ preview, name }: { readonly preview: PreviewState | undefined; readonly name: string }) {
  const t = useT();
  if (!preview || preview.status === 'hidden') return null;
  if (preview.status === 'loading') return <p className="attachment-note" role="status">{t('parts.loadingPreview')}</p>;
  if (preview.status === 'failed') return <p className="form-error" role="alert">{preview.error}</p>;
  return <img className="attachment-preview" src={preview.url} alt={name} />;
}

function AttachmentItem({ message, attachment, index }: { readonly message: MessageView; readonly attachment: Attachment; readonly index: number }) {
  const actions = useActions();
  const t = useT();
  const entry = useAppStore('attachments', (state) => state.byKey.get(attachmentKey(message.id, index)));
  const inlinePreviews = useAppStore('preferences', (state) => state.preferences.inlineImagePreviews);
  const link = describeLink(attachment.url);
  // Own files have no remote copy here (url ''); received ones are fetched by the core, only on request.
  const remote = message.direction === 'in' && attachment.url !== '';
  const previewShown = entry?.preview !== undefined && entry.preview.status !== 'hidden';
  // Inline previews: the same request as "Show preview" (see inlinePreviews.ts for what that implies).
  const byItself = previewByItself(inlinePreviews, message, attachment, entry?.preview);
  useEffect(() => {
    if (byItself) void actions.showPreview(message.id, index);
  }, [byItself, actions, message.id, index]);
  return (
    <li className="attachment">
      <span aria-hidden="true">📎 </span>
      {link ? (
        <a href={link.href} rel="noopener noreferrer" onClick={(event) => { event.preventDefault(); actions.askToOpenLink(link.href, attachment.name); }}>
          {attachment.name}
        </a>
      ) : <span>{attachment.name}</span>}
      {attachment.size !== undefined ? <span className="attachment-size"> ({formatSize(attachment.size)})</span> : null}
      {remote ? (
        <button type="button" className="small-button" disabled={entry?.save?.status === 'saving'}
          onClick={() => void actions.saveAttachment(message.id, index)}>
          {t('common.save')}
        </button>
      ) : null}
      {canPreview(message, attachment) ? (
        <button type="button" className="small-button" aria-expanded={previewShown}
          onClick={() => (previewShown ? actions.hidePreview(message.id, index) : void actions.showPreview(message.id, index))}>
          {previewShown ? t('parts.hidePreview') : t('parts.showPreview')}
        </button>
      ) : null}
      <SaveStatus save={entry?.save} onCancel={() => void actions.cancelSave(message.id, index)} />
      <PreviewPart preview={entry?.preview} name={attachment.name} />
    </li>
  );
}

export function Attachments({ message }: { readonly message: MessageView }) {
  const t = useT();
  const attachments = message.attachments ?? [];
  if (attachments.length === 0 || message.deleted === true) return null;
  return (
    <ul className="attachments" aria-label={t('parts.attachments')}>
      {attachments.map((attachment, index) => <AttachmentItem key={`${attachment.url}-${index}`} message={message} attachment={attachment} index={index} />)}
    </ul>
  );
}

export function Reactions({ message, canReact }: { readonly message: MessageView; readonly canReact: boolean }) {
  const actions = useActions();
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const reactions = (message.reactions ?? []).filter((reaction) => reaction.senders.length > 0);
  if (reactions.length === 0 || message.deleted === true) return null;
  const toggle = (reaction: string): void => {
    setError(null);
    actions.toggleReaction(message, reaction).catch((caught: unknown) => setError(t('message.reactionNotChanged', { error: errorMessage(caught) })));
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
  const t = useT();
  const status = outgoingStatus(message);
  if (!status) return null;
  const title = status.tone === 'queued' ? t('parts.queued') : undefined;
  return <span className={`message-status ${status.tone}`} title={title}>{status.text}</span>;
}
