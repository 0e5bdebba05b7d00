/** "Join room" and "New message": pick an account that can, name the room or contact. */
import { useState } from 'react';
import { findPlugin } from '../state/accounts.js';
import { AccountSelect, useAccountDialog } from './AccountSelect.js';
import { useActions } from './AppContext.js';
import { Dialog } from './Dialog.js';
import { RoomDirectorySearch } from './RoomDirectorySearch.js';
import { useT } from '../i18n/index.js';

interface TargetDialogProps {
  readonly onClose: () => void;
}

export function JoinRoomDialog({ onClose }: TargetDialogProps) {
  const actions = useActions();
  const t = useT();
  const { accounts, plugins, account, setAccountId, error, busy, submit } = useAccountDialog('rooms', onClose);
  const [room, setRoom] = useState('');
  const [password, setPassword] = useState('');
  const plugin = account ? findPlugin(plugins, account.pluginId) : undefined;
  const passwords = plugin?.capabilities.roomPasswords === true;
  const directory = plugin?.capabilities.roomDirectory === true;
  const name = room.trim();
  const onSubmit = submit(t('join.noAccount'), name === '' ? t('join.noRoom') : null,
    (chosen) => actions.joinRoom(chosen.id, name, passwords && password !== '' ? password : undefined));

  return (
    <Dialog title={t('join.title')} onClose={onClose}>
      <form className="dialog-form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <AccountSelect id="join-account" accounts={accounts} value={account?.id ?? ''} onChange={setAccountId} />
        <div className="field">
          <label htmlFor="join-room">{t('join.room')}</label>
          <input id="join-room" type="text" value={room} required spellCheck={false} autoCapitalize="off"
            placeholder={plugin?.roomPlaceholder} onChange={(event) => setRoom(event.target.value)} />
        </div>
        {directory && account ? <RoomDirectorySearch key={account.id} accountId={account.id}
          servers={plugin.capabilities.roomDirectoryServers === true} onChoose={setRoom} /> : null}
        {passwords ? (
          <div className="field">
            <label htmlFor="join-password">{t('join.password')}</label>
            <input id="join-password" type="password" autoComplete="off" value={password} onChange={(event) => setPassword(event.target.value)} />
          </div>
        ) : null}
        {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="primary" disabled={busy}>{t('join.join')}</button>
        </div>
      </form>
    </Dialog>
  );
}

export function NewMessageDialog({ onClose }: TargetDialogProps) {
  const actions = useActions();
  const t = useT();
  const { accounts, account, setAccountId, error, busy, submit } = useAccountDialog('directMessages', onClose);
  const [contact, setContact] = useState('');
  const contactId = contact.trim();
  const onSubmit = submit(t('join.noDirectAccount'), contactId === '' ? t('join.noContact') : null,
    (chosen) => actions.openDirect(chosen.id, contactId));

  return (
    <Dialog title={t('join.newMessage')} onClose={onClose}>
      <form className="dialog-form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <AccountSelect id="direct-account" accounts={accounts} value={account?.id ?? ''} onChange={setAccountId} />
        <div className="field">
          <label htmlFor="direct-contact">{t('join.contact')}</label>
          <input id="direct-contact" type="text" value={contact} required spellCheck={false} autoCapitalize="off"
            onChange={(event) => setContact(event.target.value)} />
        </div>
        {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="primary" disabled={busy}>{t('join.open')}</button>
        </div>
      </form>
    </Dialog>
  );
}
