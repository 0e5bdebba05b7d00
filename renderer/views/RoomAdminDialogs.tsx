/**
 * Room administration: "Roles…" on a member (voice, moderator, member, admin, owner, ban,
 * as the network allows the user now) and "Destroy room…" for an owner (asks first, with an
 * optional reason), each a button that opens its dialog.
 */
import { useId, useState, type SyntheticEvent } from 'react';
import type { ConversationView, MemberRoleChangeView, MemberView } from '../../electron/bridge/schemas.js';
import { useT } from '../i18n/index.js';
import { canDestroyRoom, offeredRoleChanges, ROLE_CHANGE_TEXT } from '../state/memberRoles.js';
import type { Capabilities } from '../state/capabilities.js';
import { useActions, useApp, useAppStore } from './AppContext.js';
import { Dialog } from './Dialog.js';
import { useSubmit } from './RoomDialogs.js';
import { useConversationCapabilities } from './useConversation.js';

/** A member row's "Roles…": shown only when the user may change something for this member. */
export function MemberRolesButton({ conversationId, member, capabilities }: {
  readonly conversationId: number; readonly member: MemberView; readonly capabilities: Capabilities;
}) {
  const { stores } = useApp();
  const t = useT();
  if (offeredRoleChanges(member, capabilities).length === 0) return null;
  return (
    <button type="button" className="small-button member-roles" aria-label={t('roomAdmin.rolesNamed', { name: member.displayName })}
      onClick={() => stores.ui.setState({ dialog: { kind: 'member-role', conversationId, memberId: member.id } })}>{t('roomAdmin.roles')}</button>
  );
}

export function MemberRoleDialog({ conversationId, memberId, onClose }: {
  readonly conversationId: number; readonly memberId: string; readonly onClose: () => void;
}) {
  const actions = useActions();
  const t = useT();
  const capabilities = useConversationCapabilities(conversationId);
  const title = useAppStore('conversations', (state) => state.byId.get(conversationId)?.title) ?? t('room.thisRoom');
  // The member as the network describes them now: what may be changed follows their (and the user's) standing.
  const member = useAppStore('members', (state) => state.byRoom.get(conversationId)?.byId.get(memberId));
  const changes = offeredRoleChanges(member, capabilities);
  const [chosen, setChosen] = useState<MemberRoleChangeView | undefined>(changes[0]);
  const [reason, setReason] = useState('');
  const { error, busy, run } = useSubmit(onClose);
  const reasonId = useId();
  const name = member?.displayName ?? memberId;
  const change = chosen !== undefined && changes.includes(chosen) ? chosen : changes[0];
  const onSubmit = (event: SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (change !== undefined) run(() => actions.setMemberRole(conversationId, memberId, change, reason));
  };
  return (
    <Dialog title={t('roomAdmin.roleTitle')} onClose={onClose}>
      <form className="dialog-form" noValidate onSubmit={onSubmit}>
        <p>{t('roomAdmin.roleQuestion', { name, room: title })}</p>
        {member === undefined ? <p role="status">{t('roomAdmin.gone', { name })}</p>
          : changes.length === 0 ? <p role="status">{t('roomAdmin.nothingAllowed', { name })}</p> : (
            <fieldset className="role-changes">
              <legend>{t('roomAdmin.change')}</legend>
              {changes.map((option) => (
                <label key={option} className="role-change">
                  <input type="radio" name="role-change" value={option} checked={option === change} onChange={() => setChosen(option)} />
                  {' '}{t(ROLE_CHANGE_TEXT[option])}
                </label>
              ))}
            </fieldset>
          )}
        <div className="field">
          <label htmlFor={reasonId}>{t('room.reason')}</label>
          <input id={reasonId} type="text" value={reason} maxLength={512} onChange={(event) => setReason(event.target.value)} />
        </div>
        {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className={change === 'ban' ? 'danger' : 'primary'} disabled={busy || change === undefined}>{t('roomAdmin.apply')}</button>
        </div>
      </form>
    </Dialog>
  );
}

/** The room header's "Destroy room…", for an owner of a joined room. */
export function DestroyRoomButton({ conversation, capabilities, selfId }: {
  readonly conversation: ConversationView; readonly capabilities: Capabilities; readonly selfId: string | undefined;
}) {
  const { stores } = useApp();
  const t = useT();
  const self = useAppStore('members', (state) => (selfId === undefined ? undefined : state.byRoom.get(conversation.id)?.byId.get(selfId)));
  if (!canDestroyRoom(conversation, capabilities, self)) return null;
  return (
    <button type="button" className="small-button danger" onClick={() => stores.ui.setState({ dialog: { kind: 'destroy-room', conversationId: conversation.id } })}>
      {t('roomAdmin.destroy')}
    </button>
  );
}

/** XEP-0045 §10.9: everyone in the room is sent out with the reason; it cannot be undone, so it asks first. */
export function DestroyRoomDialog({ conversationId, onClose }: { readonly conversationId: number; readonly onClose: () => void }) {
  const actions = useActions();
  const t = useT();
  const title = useAppStore('conversations', (state) => state.byId.get(conversationId)?.title) ?? t('room.thisRoom');
  const [reason, setReason] = useState('');
  const { error, busy, run } = useSubmit(onClose);
  const reasonId = useId();
  const onSubmit = (event: SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    run(() => actions.destroyRoom(conversationId, reason));
  };
  return (
    <Dialog title={t('roomAdmin.destroyTitle')} onClose={onClose}>
      <form className="dialog-form" noValidate onSubmit={onSubmit}>
        <p>{t('roomAdmin.destroyQuestion', { room: title })}</p>
        <div className="field">
          <label htmlFor={reasonId}>{t('room.reason')}</label>
          <input id={reasonId} type="text" value={reason} maxLength={512} onChange={(event) => setReason(event.target.value)} />
        </div>
        {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="danger" disabled={busy}>{t('roomAdmin.destroyConfirm')}</button>
        </div>
      </form>
    </Dialog>
  );
}
