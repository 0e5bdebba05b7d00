/**
 * "Room settings…" for a room's owner (XEP-0045 §10.2 for XMPP): the name, description,
 * members-only, persistent, moderated, public listing and the password, each shown only where the room offers it. Only what the user
 * changed is sent.
 */
import { useEffect, useId, useState, type SyntheticEvent } from 'react';
import type { ConversationView, RoomSettingsView } from '../../electron/bridge/schemas.js';
import { useT } from '../i18n/index.js';
import { errorMessage } from '../state/actions.js';
import type { Capabilities } from '../state/capabilities.js';
import { canChangeRoomSettings, changedSettings, ROOM_SETTING_FLAGS as FLAGS } from '../state/memberRoles.js';
import { useActions, useApp, useAppStore } from './AppContext.js';
import { Dialog } from './Dialog.js';
import { useSubmit } from './RoomDialogs.js';

/** The room header's "Room settings…", for an owner of a joined room. */
export function RoomSettingsButton({ conversation, capabilities, selfId }: {
  readonly conversation: ConversationView; readonly capabilities: Capabilities; readonly selfId: string | undefined;
}) {
  const { stores } = useApp();
  const t = useT();
  const self = useAppStore('members', (state) => (selfId === undefined ? undefined : state.byRoom.get(conversation.id)?.byId.get(selfId)));
  if (!canChangeRoomSettings(conversation, capabilities, self)) return null;
  return (
    <button type="button" className="small-button" onClick={() => stores.ui.setState({ dialog: { kind: 'room-settings', conversationId: conversation.id } })}>
      {t('roomAdmin.settings')}
    </button>
  );
}

export function RoomSettingsDialog({ conversationId, onClose }: { readonly conversationId: number; readonly onClose: () => void }) {
  const actions = useActions();
  const t = useT();
  const title = useAppStore('conversations', (state) => state.byId.get(conversationId)?.title) ?? t('room.thisRoom');
  const [loaded, setLoaded] = useState<RoomSettingsView | null>(null);
  const [edited, setEdited] = useState<RoomSettingsView>({});
  const { error, setError, busy, run } = useSubmit(onClose);
  const passwordId = useId();
  const nameId = useId();
  const descriptionId = useId();

  useEffect(() => {
    let current = true;
    actions.roomSettings(conversationId).then(
      (settings) => { if (current) { setLoaded(settings); setEdited(settings); } },
      (caught: unknown) => { if (current) setError(errorMessage(caught)); },
    );
    return () => { current = false; };
  }, [actions, conversationId, setError]);

  const onSubmit = (event: SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (loaded === null) return;
    const changes = changedSettings(loaded, edited);
    run(() => (Object.keys(changes).length === 0 ? Promise.resolve() : actions.setRoomSettings(conversationId, changes)));
  };
  return (
    <Dialog title={t('roomAdmin.settingsTitle')} onClose={onClose}>
      <form className="dialog-form" noValidate onSubmit={onSubmit}>
        <p>{t('roomAdmin.settingsOf', { room: title })}</p>
        {loaded === null && error === null ? <p role="status">{t('roomAdmin.settingsLoading')}</p> : null}
        {loaded?.name !== undefined ? (
          <div className="field">
            <label htmlFor={nameId}>{t('roomAdmin.roomName')}</label>
            <input id={nameId} type="text" value={edited.name ?? ''} maxLength={1024} onChange={(event) => setEdited({ ...edited, name: event.target.value })} />
          </div>
        ) : null}
        {loaded?.description !== undefined ? (
          <div className="field">
            <label htmlFor={descriptionId}>{t('roomAdmin.roomDescription')}</label>
            <input id={descriptionId} type="text" value={edited.description ?? ''} maxLength={4096} onChange={(event) => setEdited({ ...edited, description: event.target.value })} />
          </div>
        ) : null}
        {loaded !== null ? FLAGS.filter((flag) => loaded[flag] !== undefined).map((flag) => (
          <label key={flag} className="checkbox">
            <input type="checkbox" checked={edited[flag] === true} onChange={(event) => setEdited({ ...edited, [flag]: event.target.checked })} />
            {' '}{t(`roomAdmin.${flag}`)}
          </label>
        )) : null}
        {loaded?.password !== undefined ? (
          <div className="field">
            <label htmlFor={passwordId}>{t('roomAdmin.password')}</label>
            <input id={passwordId} type="text" autoComplete="off" spellCheck={false} value={edited.password ?? ''} maxLength={1024}
              onChange={(event) => setEdited({ ...edited, password: event.target.value })} />
          </div>
        ) : null}
        {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="primary" disabled={busy || loaded === null}>{t('roomAdmin.save')}</button>
        </div>
      </form>
    </Dialog>
  );
}
