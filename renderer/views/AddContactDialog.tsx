/** "Add contact": an account whose plugin manages contacts, the contact's id, a name and a group. */
import { useState } from 'react';
import { AccountSelect, useAccountDialog } from './AccountSelect.js';
import { useActions } from './AppContext.js';
import { Dialog } from './Dialog.js';
import { useT } from '../i18n/index.js';

export function AddContactDialog({ onClose }: { readonly onClose: () => void }) {
  const actions = useActions();
  const t = useT();
  const { accounts, account, setAccountId, error, busy, submit } = useAccountDialog('contactManagement', onClose);
  const [contactId, setContactId] = useState('');
  const [name, setName] = useState('');
  const [group, setGroup] = useState('');
  const id = contactId.trim();
  const onSubmit = submit(t('addContact.noAccount'), id === '' ? t('addContact.noId') : null,
    (chosen) => actions.addContact({ accountId: chosen.id, contactId: id, displayName: name, group }));

  return (
    <Dialog title={t('addContact.title')} onClose={onClose}>
      <form className="dialog-form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <AccountSelect id="contact-account" accounts={accounts} value={account?.id ?? ''} onChange={setAccountId} />
        <div className="field">
          <label htmlFor="contact-id">{t('room.contactId')}</label>
          <input id="contact-id" type="text" value={contactId} required spellCheck={false} autoCapitalize="off" maxLength={512}
            aria-describedby="contact-id-help" onChange={(event) => setContactId(event.target.value)} />
          <p id="contact-id-help" className="field-help">{t('addContact.help')}</p>
        </div>
        <div className="field">
          <label htmlFor="contact-name">{t('addContact.name')}</label>
          <input id="contact-name" type="text" value={name} maxLength={256} onChange={(event) => setName(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="contact-group">{t('addContact.group')}</label>
          <input id="contact-group" type="text" value={group} maxLength={256} placeholder={t('addContact.groupPlaceholder')} onChange={(event) => setGroup(event.target.value)} />
        </div>
        {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="primary" disabled={busy}>{t('addContact.title')}</button>
        </div>
      </form>
    </Dialog>
  );
}
