/** "Join room" and "New message": pick an account that can, name the room or contact. */
import { useState, type SyntheticEvent } from 'react';
import { findPlugin } from '../state/accounts.js';
import { errorMessage } from '../state/actions.js';
import { AccountSelect, useCapableAccounts } from './AccountSelect.js';
import { useActions } from './AppContext.js';
import { Dialog } from './Dialog.js';
import { RoomDirectorySearch } from './RoomDirectorySearch.js';

interface TargetDialogProps {
  readonly onClose: () => void;
}

export function JoinRoomDialog({ onClose }: TargetDialogProps) {
  const actions = useActions();
  const { accounts, plugins } = useCapableAccounts('rooms');
  const [accountId, setAccountId] = useState(accounts[0]?.id ?? '');
  const [room, setRoom] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const account = accounts.find((item) => item.id === accountId) ?? accounts[0];
  const plugin = account ? findPlugin(plugins, account.pluginId) : undefined;
  const passwords = plugin?.capabilities.roomPasswords === true;
  const directory = plugin?.capabilities.roomDirectory === true;

  const onSubmit = async (event: SyntheticEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const name = room.trim();
    const problem = !account ? 'Add an account on a network with rooms first.' : name === '' ? 'Enter the room to join.' : null;
    if (problem !== null || !account) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await actions.joinRoom(account.id, name, passwords && password !== '' ? password : undefined);
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <Dialog title="Join room" onClose={onClose}>
      <form className="dialog-form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <AccountSelect id="join-account" accounts={accounts} value={account?.id ?? ''} onChange={setAccountId} />
        <div className="field">
          <label htmlFor="join-room">Room</label>
          <input id="join-room" type="text" value={room} required spellCheck={false} autoCapitalize="off"
            placeholder={plugin?.roomPlaceholder} onChange={(event) => setRoom(event.target.value)} />
        </div>
        {directory && account ? <RoomDirectorySearch key={account.id} accountId={account.id} onChoose={setRoom} /> : null}
        {passwords ? (
          <div className="field">
            <label htmlFor="join-password">Room password</label>
            <input id="join-password" type="password" autoComplete="off" value={password} onChange={(event) => setPassword(event.target.value)} />
          </div>
        ) : null}
        {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary" disabled={busy}>Join</button>
        </div>
      </form>
    </Dialog>
  );
}

export function NewMessageDialog({ onClose }: TargetDialogProps) {
  const actions = useActions();
  const { accounts } = useCapableAccounts('directMessages');
  const [accountId, setAccountId] = useState(accounts[0]?.id ?? '');
  const [contact, setContact] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const account = accounts.find((item) => item.id === accountId) ?? accounts[0];

  const onSubmit = async (event: SyntheticEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const contactId = contact.trim();
    const problem = !account ? 'Add an account on a network with direct messages first.' : contactId === '' ? 'Enter who to write to.' : null;
    if (problem !== null || !account) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await actions.openDirect(account.id, contactId);
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <Dialog title="New message" onClose={onClose}>
      <form className="dialog-form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <AccountSelect id="direct-account" accounts={accounts} value={account?.id ?? ''} onChange={setAccountId} />
        <div className="field">
          <label htmlFor="direct-contact">Contact</label>
          <input id="direct-contact" type="text" value={contact} required spellCheck={false} autoCapitalize="off"
            onChange={(event) => setContact(event.target.value)} />
        </div>
        {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary" disabled={busy}>Open</button>
        </div>
      </form>
    </Dialog>
  );
}
