/**
 * "Ignore" on a room member, where the network can block anyone (capability `blockMembers`,
 * Matrix §Ignoring Users): whether they are ignored now is their contact's `blocked`, as the
 * network reports it.
 */
import { useState } from 'react';
import { useT } from '../i18n/index.js';
import { errorMessage } from '../state/actionContext.js';
import { contactKey } from '../state/contacts.js';
import { useActions, useAppStore } from './AppContext.js';

export function MemberBlockButton({ accountId, memberId, name }: { readonly accountId: string; readonly memberId: string; readonly name: string }) {
  const t = useT();
  const actions = useActions();
  const blocked = useAppStore('contacts', (state) => state.byKey.get(contactKey(accountId, memberId))?.blocked === true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toggle = (): void => {
    setBusy(true);
    setError(null);
    actions.setMemberBlocked(accountId, memberId, !blocked)
      .catch((caught: unknown) => setError(t('members.ignoreFailed', { error: errorMessage(caught) })))
      .finally(() => setBusy(false));
  };
  return (
    <>
    {error !== null ? <span role="alert" className="form-error member-ignore-error" title={error}>{error}</span> : null}
    <button type="button" className="small-button member-ignore" disabled={busy} aria-pressed={blocked}
      aria-label={blocked ? t('members.unignoreNamed', { name }) : t('members.ignoreNamed', { name })} onClick={toggle}>
      {blocked ? t('members.unignore') : t('members.ignore')}
    </button>
    </>
  );
}
