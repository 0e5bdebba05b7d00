/**
 * A conversation's header: title, encryption mark, topic, and for rooms that can, "Edit
 * topic" (an inline input; Enter saves, Escape cancels), "Invite" and "Leave room"; for a chat, "Remove from list".
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ConversationView } from '../../electron/bridge/schemas.js';
import { errorMessage } from '../state/actions.js';
import type { Capabilities } from '../state/capabilities.js';
import { useActions, useApp } from './AppContext.js';
import { NotifyRuleMenu } from './NotifyRuleMenu.js';
import { DestroyRoomButton } from './RoomAdminDialogs.js';
import { RoomSettingsButton } from './RoomSettingsDialog.js';
import { AffiliationListsButton } from './AffiliationListsDialog.js';
import { useConversationAccount } from './useConversation.js';
import { IsolatedText } from './VisibleText.js';
import { useT } from '../i18n/index.js';

function TopicEditor({ conversation, onDone }: { readonly conversation: ConversationView; readonly onDone: () => void }) {
  const actions = useActions();
  const t = useT();
  const [topic, setTopic] = useState(conversation.topic ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  // Opened by the user's own click on "Edit topic": the input takes the focus.
  useEffect(() => input.current?.focus(), []);
  const save = (): void => {
    setBusy(true);
    setError(null);
    actions.setTopic(conversation.id, topic).then(onDone, (caught: unknown) => {
      setError(t('header.topicNotChanged', { error: errorMessage(caught) }));
      setBusy(false);
    });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      if (!busy) save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onDone();
    }
  };
  return (
    <div className="topic-editor">
      <input ref={input} type="text" aria-label={t('header.topic')} value={topic} maxLength={4096} disabled={busy}
        placeholder={t('header.topicPlaceholder')} onChange={(event) => setTopic(event.target.value)} onKeyDown={onKeyDown} />
      <button type="button" className="small-button" disabled={busy} onClick={save}>{t('header.saveTopic')}</button>
      <button type="button" className="small-button" onClick={onDone}>{t('common.cancel')}</button>
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </div>
  );
}

/** "View log": the days of this conversation's stored messages (LogViewerDialog). */
function ViewLogButton({ conversation }: { readonly conversation: ConversationView }) {
  const actions = useActions();
  const t = useT();
  return (
    <button type="button" className="small-button" title={t('header.logDays', { name: conversation.title })}
      onClick={() => actions.openLog({ subject: { kind: 'conversation', conversationId: conversation.id }, name: conversation.title })}>{t('header.viewLog')}</button>
  );
}

/**
 * A chat leaves the conversation list only when the user says so (closing its tab keeps it
 * listed). Nothing is public about it, so no question first; a new message brings it back.
 */
function RemoveChatButton({ conversation }: { readonly conversation: ConversationView }) {
  const actions = useActions();
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const remove = (): void => {
    setError(null);
    actions.leaveConversation(conversation.id).catch((caught: unknown) => setError(t('header.couldNotRemove', { name: conversation.title, error: errorMessage(caught) })));
  };
  return (
    <div className="conversation-tools">
      <ViewLogButton conversation={conversation} />
      <button type="button" className="small-button" onClick={remove}>{t('header.removeFromList')}</button>
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </div>
  );
}

export function ConversationHeader({ conversation, capabilities }: { readonly conversation: ConversationView; readonly capabilities: Capabilities }) {
  const { stores } = useApp();
  const t = useT();
  const [editing, setEditing] = useState(false);
  const selfId = useConversationAccount(conversation.id)?.selfId;
  const room = conversation.kind === 'room';
  const canEditTopic = room && capabilities.topics === true;
  const canInvite = room && capabilities.invites === true;
  const hasTopic = conversation.topic !== undefined && conversation.topic !== '';
  return (
    <header className="conversation-header">
      <div className="conversation-heading">
        <h2 className="conversation-title">
          <IsolatedText text={conversation.title} />
          {conversation.encrypted === true ? <span className="encrypted-mark" title={t('header.encryptedTitle')}> <span aria-hidden="true">🔒</span> {t('header.encrypted')}</span> : null}
        </h2>
        <NotifyRuleMenu accountId={conversation.accountId} conversationId={conversation.id} name={conversation.title} />
        {room ? (
          <div className="conversation-tools">
            {canEditTopic && !editing ? <button type="button" className="small-button" onClick={() => setEditing(true)}>{t('header.editTopic')}</button> : null}
            {canInvite ? (
              <button type="button" className="small-button" onClick={() => stores.ui.setState({ dialog: { kind: 'invite', conversationId: conversation.id } })}>{t('header.invite')}</button>
            ) : null}
            <ViewLogButton conversation={conversation} />
            <button type="button" className="small-button" onClick={() => stores.ui.setState({ dialog: { kind: 'leave-room', conversationId: conversation.id } })}>{t('header.leaveRoom')}</button>
            <RoomSettingsButton conversation={conversation} capabilities={capabilities} selfId={selfId} />
            <AffiliationListsButton conversation={conversation} capabilities={capabilities} selfId={selfId} />
            <DestroyRoomButton conversation={conversation} capabilities={capabilities} selfId={selfId} />
          </div>
        ) : <RemoveChatButton conversation={conversation} />}
      </div>
      {editing ? <TopicEditor conversation={conversation} onDone={() => setEditing(false)} />
        : hasTopic ? <p className="conversation-topic">{conversation.topic}</p> : null}
      {room && !conversation.joined ? <p className="conversation-note">{t('header.notJoined')}</p> : null}
    </header>
  );
}
