/**
 * "Members and bans…" for a room's owner or admin (XEP-0045 §9.2, §9.5, §9.8, §10.5 for
 * XMPP): the room's members, banned, admins and owners by address, whether they are in the
 * room or not, as Gajim's "Manage room" shows them. An address is added (with a reason for a
 * ban) or removed; the room's refusals are shown in words. Which lists are offered follows
 * the user's own standing (affiliationLists.ts).
 */
import { useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import type { AffiliationEntryView, ConversationView, RoomAffiliationView } from '../../electron/bridge/schemas.js';
import { useT } from '../i18n/index.js';
import { errorMessage } from '../state/actions.js';
import { addressProblem, offeredAffiliationLists } from '../state/affiliationLists.js';
import type { Capabilities } from '../state/capabilities.js';
import { useActions, useApp, useAppStore } from './AppContext.js';
import { Dialog } from './Dialog.js';
import { useConversationAccount, useConversationCapabilities } from './useConversation.js';

/** The catalogue key of each list's "Add" button. */
const ADD_KEY = { member: 'roomLists.addMember', outcast: 'roomLists.addOutcast', admin: 'roomLists.addAdmin', owner: 'roomLists.addOwner' } as const;

/** The user's own entry in the room's member list, for their standing. */
function useSelf(conversationId: number, selfId: string | undefined) {
  return useAppStore('members', (state) => (selfId === undefined ? undefined : state.byRoom.get(conversationId)?.byId.get(selfId)));
}

/** The room header's "Members and bans…", for an owner or admin of a joined room. */
export function AffiliationListsButton({ conversation, capabilities, selfId }: {
  readonly conversation: ConversationView; readonly capabilities: Capabilities; readonly selfId: string | undefined;
}) {
  const { stores } = useApp();
  const t = useT();
  const self = useSelf(conversation.id, selfId);
  if (offeredAffiliationLists(conversation, capabilities, self).length === 0) return null;
  return (
    <button type="button" className="small-button" onClick={() => stores.ui.setState({ dialog: { kind: 'room-affiliations', conversationId: conversation.id } })}>
      {t('roomLists.open')}
    </button>
  );
}

export function AffiliationListsDialog({ conversationId, onClose }: { readonly conversationId: number; readonly onClose: () => void }) {
  const actions = useActions();
  const t = useT();
  const conversation = useAppStore('conversations', (state) => state.byId.get(conversationId));
  const capabilities = useConversationCapabilities(conversationId);
  const self = useSelf(conversationId, useConversationAccount(conversationId)?.selfId);
  const offered = conversation ? offeredAffiliationLists(conversation, capabilities, self) : [];
  const [list, setList] = useState<RoomAffiliationView>('member');
  // Bumped after each change, to read the list again as the room now has it.
  const [version, setVersion] = useState(0);
  const [fetched, setFetched] = useState<{ readonly key: string; readonly entries: AffiliationEntryView[] } | null>(null);
  const key = `${list}:${version}`;
  const entries = fetched?.key === key ? fetched.entries : null;
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [address, setAddress] = useState('');
  const [reason, setReason] = useState('');
  const addressRef = useRef<HTMLInputElement>(null);
  const addressId = useId();
  const helpId = useId();
  const reasonId = useId();
  const listId = useId();
  const radioName = useId();

  useEffect(() => {
    let current = true;
    actions.roomAffiliations(conversationId, list).then(
      (found) => { if (current) setFetched({ key, entries: found }); },
      (caught: unknown) => { if (current) { setFetched({ key, entries: [] }); setError(errorMessage(caught)); } },
    );
    return () => { current = false; };
  }, [actions, conversationId, list, key]);

  /** One change to the list, then the list as the room now has it. */
  const change = (target: string, affiliation: RoomAffiliationView | 'none', why: string, done: string): Promise<boolean> => {
    setBusy(true);
    setError(null);
    setStatus('');
    return actions.setRoomAffiliation(conversationId, target, affiliation, why).then(
      () => { setStatus(done); setVersion((value) => value + 1); return true; },
      (caught: unknown) => { setError(errorMessage(caught)); return false; },
    ).finally(() => setBusy(false));
  };

  const onAdd = (event: SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (busy) return;
    const problem = addressProblem(address);
    if (problem !== undefined) {
      setStatus('');
      setError(problem === 'empty' ? t('roomLists.noAddress') : t('roomLists.badAddress', { address: address.trim() }));
      addressRef.current?.focus();
      return;
    }
    const added = address.trim();
    void change(added, list, list === 'outcast' ? reason : '', t('roomLists.added', { address: added })).then((ok) => {
      if (ok) { setAddress(''); setReason(''); }
    });
  };

  const onRemove = (target: string): void => {
    if (busy) return;
    // The row and its button go away: focus returns to the address field, still in the dialog.
    void change(target, 'none', '', t('roomLists.removed', { address: target })).then(() => addressRef.current?.focus());
  };

  const title = conversation?.title ?? t('room.thisRoom');
  const listName = t(`roomLists.${list}`);
  return (
    <Dialog title={t('roomLists.title')} onClose={onClose}>
      <div className="dialog-form">
        <p>{t('roomLists.intro', { room: title })}</p>
        <fieldset className="role-changes">
          <legend>{t('roomLists.which')}</legend>
          {offered.map((which) => (
            <label key={which} className="role-change">
              <input type="radio" name={radioName} value={which} checked={list === which}
                onChange={() => { setList(which); setError(null); setStatus(''); }} />
              {' '}{t(`roomLists.${which}`)}
            </label>
          ))}
        </fieldset>
        <h3 id={listId}>{listName}</h3>
        {entries === null ? <p role="status">{t('roomLists.loading')}</p> : null}
        {entries !== null && entries.length === 0 && error === null ? <p>{t('roomLists.empty')}</p> : null}
        {entries !== null && entries.length > 0 ? (
          <ul aria-labelledby={listId} className="affiliation-list">
            {entries.map((entry) => (
              <li key={entry.address}>
                <span className="affiliation-address">{entry.address}</span>
                {entry.reason ? <span className="field-help"> {t('roomLists.reasonShown', { reason: entry.reason })}</span> : null}
                {' '}
                <button type="button" className="small-button" disabled={busy} aria-label={t('roomLists.removeNamed', { address: entry.address })}
                  onClick={() => onRemove(entry.address)}>
                  {t('roomLists.remove')}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <form noValidate onSubmit={onAdd}>
          <div className="field">
            <label htmlFor={addressId}>{t('roomLists.address')}</label>
            <input id={addressId} ref={addressRef} type="text" value={address} spellCheck={false} autoCapitalize="off" maxLength={3071}
              aria-describedby={helpId} onChange={(event) => setAddress(event.target.value)} />
            <p id={helpId} className="field-help">{t('roomLists.addressHelp')}</p>
          </div>
          {list === 'outcast' ? (
            <div className="field">
              <label htmlFor={reasonId}>{t('roomLists.reason')}</label>
              <input id={reasonId} type="text" value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)} />
            </div>
          ) : null}
          {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
          <p role="status" className="field-help">{status}</p>
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>{t('common.close')}</button>
            <button type="submit" className="primary" disabled={busy}>{t(ADD_KEY[list])}</button>
          </div>
        </form>
      </div>
    </Dialog>
  );
}
