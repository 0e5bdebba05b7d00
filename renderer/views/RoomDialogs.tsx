/** "Invite to room" (someone's network id), "Kick member" (with an optional reason) and "Leave room" (asks first). */
import { useId, useState, type SyntheticEvent } from 'react';
import type { MemberView } from '../../electron/bridge/schemas.js';
import { errorMessage } from '../state/actions.js';
import { useActions, useAppStore } from './AppContext.js';
import { Dialog } from './Dialog.js';
import { useT } from '../i18n/index.js';
import { PART, splitAround } from '../i18n/splitAround.js';

/** Runs the dialog's request once at a time; closes on success, shows the core's error otherwise. */
export function useSubmit(onClose: () => void) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = (action: () => Promise<void>): void => {
    if (busy) return;
    setBusy(true);
    setError(null);
    action().then(onClose, (caught: unknown) => {
      setError(errorMessage(caught));
      setBusy(false);
    });
  };
  return { error, setError, busy, run };
}

export function InviteDialog({ conversationId, onClose }: { readonly conversationId: number; readonly onClose: () => void }) {
  const actions = useActions();
  const t = useT();
  const title = useAppStore('conversations', (state) => state.byId.get(conversationId)?.title) ?? t('room.thisRoom');
  const [contactId, setContactId] = useState('');
  const { error, setError, busy, run } = useSubmit(onClose);
  const inputId = useId();
  const onSubmit = (event: SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const id = contactId.trim();
    if (id === '') {
      setError(t('room.noAddress'));
      return;
    }
    run(() => actions.inviteToRoom(conversationId, id));
  };
  return (
    <Dialog title={t('room.inviteTitle')} onClose={onClose}>
      <form className="dialog-form" noValidate onSubmit={onSubmit}>
        <p>{t('room.inviteInto', { room: title })}</p>
        <div className="field">
          <label htmlFor={inputId}>{t('room.contactId')}</label>
          <input id={inputId} type="text" value={contactId} required spellCheck={false} autoCapitalize="off" maxLength={512}
            onChange={(event) => setContactId(event.target.value)} />
          <p className="field-help">{t('room.contactHelp')}</p>
        </div>
        {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="primary" disabled={busy}>{t('room.invite')}</button>
        </div>
      </form>
    </Dialog>
  );
}

export function KickMemberDialog({ conversationId, member, onClose }: {
  readonly conversationId: number; readonly member: MemberView; readonly onClose: () => void;
}) {
  const actions = useActions();
  const t = useT();
  const title = useAppStore('conversations', (state) => state.byId.get(conversationId)?.title) ?? t('room.thisRoom');
  const [reason, setReason] = useState('');
  const [kickBefore, kickAfter] = splitAround(t('room.kickQuestion', { name: PART, room: title }));
  const { error, busy, run } = useSubmit(onClose);
  const inputId = useId();
  const onSubmit = (event: SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    run(() => actions.kickMember(conversationId, member.id, reason));
  };
  return (
    <Dialog title={t('room.kickTitle')} onClose={onClose}>
      <form className="dialog-form" noValidate onSubmit={onSubmit}>
        <p>{kickBefore}<strong>{member.displayName}</strong>{member.displayName !== member.id ? ` (${member.id})` : ''}{kickAfter}</p>
        <div className="field">
          <label htmlFor={inputId}>{t('room.reason')}</label>
          <input id={inputId} type="text" value={reason} maxLength={512} onChange={(event) => setReason(event.target.value)} />
        </div>
        {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="danger" disabled={busy}>{t('room.kick')}</button>
        </div>
      </form>
    </Dialog>
  );
}

/**
 * Leaving is public on every network (an IRC PART, an XMPP unavailable presence, a Matrix
 * leave event; RFC 2812 §3.2.2, XEP-0045 §7.14, Matrix client-server API, POST /rooms/{roomId}/leave), and
 * an invite-only room may not let the user back: so every network asks first.
 */
export function LeaveRoomDialog({ conversationId, onClose }: { readonly conversationId: number; readonly onClose: () => void }) {
  const actions = useActions();
  const t = useT();
  const title = useAppStore('conversations', (state) => state.byId.get(conversationId)?.title) ?? t('room.thisRoom');
  const { error, busy, run } = useSubmit(onClose);
  const onSubmit = (event: SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    run(() => actions.leaveConversation(conversationId));
  };
  return (
    <Dialog title={t('room.leaveTitle')} onClose={onClose}>
      <form className="dialog-form" noValidate onSubmit={onSubmit}>
        <p>{t('room.leaveQuestion', { room: title })}</p>
        {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="danger" disabled={busy}>{t('room.leave')}</button>
        </div>
      </form>
    </Dialog>
  );
}
