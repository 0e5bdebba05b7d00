/**
 * Reply / React / Edit / Delete on one message: shown on hover or keyboard focus, and only
 * those the conversation can do (its capabilities) and the user may (own messages).
 */
import { useState } from 'react';
import type { MessageView } from '../../electron/bridge/schemas.js';
import { errorMessage } from '../state/actions.js';
import { REACTION_CHOICES, hasAnyPermission, type MessagePermissions } from '../state/messageRules.js';
import { useActions, useApp } from './AppContext.js';
import { EmojiPicker } from './EmojiPicker.js';
import { useT } from '../i18n/index.js';

export function MessageActions({ message, permissions }: { readonly message: MessageView; readonly permissions: MessagePermissions }) {
  const actions = useActions();
  const t = useT();
  const { stores } = useApp();
  const [picking, setPicking] = useState(false);
  const [anyEmoji, setAnyEmoji] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!hasAnyPermission(permissions)) return null;
  const pickerId = `reactions-${message.conversationId}-${message.id}`;

  const react = (reaction: string): void => {
    setPicking(false);
    setAnyEmoji(false);
    setError(null);
    actions.toggleReaction(message, reaction).catch((caught: unknown) => setError(t('message.reactionNotChanged', { error: errorMessage(caught) })));
  };

  return (
    <div className={picking ? 'message-actions open' : 'message-actions'} role="group" aria-label={t('message.actionsFor', { name: message.senderName })}>
      {permissions.reply ? <button type="button" className="small-button" onClick={() => actions.replyTo(message)}>{t('message.reply')}</button> : null}
      {permissions.react ? (
        <button type="button" className="small-button" aria-expanded={picking} aria-controls={picking ? pickerId : undefined}
          onClick={() => setPicking((open) => !open)}>{t('message.react')}</button>
      ) : null}
      {permissions.edit ? <button type="button" className="small-button" onClick={() => actions.startEditing(message)}>{t('message.edit')}</button> : null}
      {permissions.delete ? (
        <button type="button" className="small-button" onClick={() => stores.ui.setState({ dialog: { kind: 'delete-message', message } })}>{t('message.delete')}</button>
      ) : null}
      {picking ? (
        <div id={pickerId} className="reaction-picker" role="group" aria-label={t('message.chooseReaction')}
          onKeyDown={(event) => { if (event.key === 'Escape') { event.stopPropagation(); setPicking(false); } }}>
          {REACTION_CHOICES.map((choice) => (
            <button key={choice.emoji} type="button" aria-label={t('message.reactWith', { name: t(`reactionNames.${choice.name}`) })} title={t(`reactionNames.${choice.name}`)} onClick={() => react(choice.emoji)}>
              {choice.emoji}
            </button>
          ))}
          <button type="button" className="small-button" aria-expanded={anyEmoji} onClick={() => setAnyEmoji((open) => !open)}>{t('message.moreEmoji')}</button>
        </div>
      ) : null}
      {picking && anyEmoji ? <EmojiPicker label={t('message.anyReaction')} onPick={react} onClose={() => setAnyEmoji(false)} /> : null}
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </div>
  );
}
