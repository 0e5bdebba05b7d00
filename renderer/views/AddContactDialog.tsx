/** "Add contact": an account whose plugin manages contacts, the contact's id, a name and a group. */
import { useState } from 'react';
import { AccountSelect, useAccountDialog } from './AccountSelect.js';
import { useActions } from './AppContext.js';
import { Dialog } from './Dialog.js';

export function AddContactDialog({ onClose }: { readonly onClose: () => void }) {
  const actions = useActions();
  const { accounts, account, setAccountId, error, busy, submit } = useAccountDialog('contactManagement', onClose);
  const [contactId, setContactId] = useState('');
  const [name, setName] = useState('');
  const [group, setGroup] = useState('');
  const id = contactId.trim();
  const onSubmit = submit('Add an account on a network with a contact list first.', id === '' ? 'Enter the contact\'s address.' : null,
    (chosen) => actions.addContact({ accountId: chosen.id, contactId: id, displayName: name, group }));

  return (
    <Dialog title="Add contact" onClose={onClose}>
      <form className="dialog-form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <AccountSelect id="contact-account" accounts={accounts} value={account?.id ?? ''} onChange={setAccountId} />
        <div className="field">
          <label htmlFor="contact-id">Contact ID</label>
          <input id="contact-id" type="text" value={contactId} required spellCheck={false} autoCapitalize="off" maxLength={512}
            aria-describedby="contact-id-help" onChange={(event) => setContactId(event.target.value)} />
          <p id="contact-id-help" className="field-help">Their address on this network: a JID, a Matrix ID or a nickname.</p>
        </div>
        <div className="field">
          <label htmlFor="contact-name">Name</label>
          <input id="contact-name" type="text" value={name} maxLength={256} onChange={(event) => setName(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="contact-group">Group</label>
          <input id="contact-group" type="text" value={group} maxLength={256} placeholder="Buddies" onChange={(event) => setGroup(event.target.value)} />
        </div>
        {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary" disabled={busy}>Add contact</button>
        </div>
      </form>
    </Dialog>
  );
}
