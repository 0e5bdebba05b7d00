/**
 * A link that opens Switchboard: what it asks ("Join #room on irc.example.org with account
 * alice?"), with the accounts that fit to choose from; "Add account" when none does; the
 * reason in words when the link is refused. Nothing happens until the user confirms.
 */
import { useState, type SyntheticEvent } from 'react';
import type { LinkAction, LinkResolution } from '../../electron/bridge/linkSchemas.js';
import { errorMessage } from '../state/actions.js';
import { linkNotes, linkQuestion, linkVerb, noAccountText } from '../state/linkWording.js';
import { AccountSelect } from './AccountSelect.js';
import { useActions } from './AppContext.js';
import { Dialog } from './Dialog.js';
import { useT } from '../i18n/index.js';

interface LinkDialogProps {
  readonly resolution: LinkResolution;
  readonly onClose: () => void;
}

export function LinkDialog({ resolution, onClose }: LinkDialogProps) {
  const { parsed } = resolution;
  const t = useT();
  return (
    <Dialog title={t('linkDialog.title')} onClose={onClose}>
      <p className="link-address" dir="ltr"><code>{resolution.uri}</code></p>
      {!parsed.ok ? <RefusedLink reason={parsed.reason} onClose={onClose} />
        : resolution.accounts.length === 0 ? <NoAccount resolution={resolution} onClose={onClose} />
        : <ConfirmLink resolution={resolution} action={parsed.action} onClose={onClose} />}
    </Dialog>
  );
}

function RefusedLink({ reason, onClose }: { readonly reason: string; readonly onClose: () => void }) {
  const t = useT();
  return (
    <>
      <p role="alert" className="form-error">{reason}</p>
      <div className="dialog-actions"><button type="button" onClick={onClose}>{t('common.close')}</button></div>
    </>
  );
}

function NoAccount({ resolution, onClose }: LinkDialogProps) {
  const actions = useActions();
  const t = useT();
  return (
    <>
      <p>{noAccountText(resolution)}</p>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>{t('common.cancel')}</button>
        <button type="button" className="primary" onClick={() => actions.addAccountForLink(resolution)}>{t('app.addAccount')}</button>
      </div>
    </>
  );
}

function ConfirmLink({ resolution, action, onClose }: LinkDialogProps & { readonly action: LinkAction }) {
  const actions = useActions();
  const t = useT();
  const [accountId, setAccountId] = useState(resolution.accounts[0]?.accountId ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const account = resolution.accounts.find((item) => item.accountId === accountId) ?? resolution.accounts[0];
  const asksKey = action.kind === 'join-room' && action.needsPassword === true;

  const onSubmit = async (event: SyntheticEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (busy || !account) return;
    setBusy(true);
    setError(null);
    try {
      await actions.confirmLink(resolution, account.accountId, asksKey ? password : undefined);
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <form className="dialog-form" noValidate onSubmit={(event) => void onSubmit(event)}>
      <p>{linkQuestion(action, account?.label ?? '')}</p>
      {linkNotes(action).map((note) => <p key={note} className="field-help">{note}</p>)}
      {resolution.accounts.length > 1 ? (
        <AccountSelect id="link-account" accounts={resolution.accounts.map((item) => ({ id: item.accountId, label: item.label }))}
          value={account?.accountId ?? ''} onChange={setAccountId} />
      ) : null}
      {asksKey ? (
        <div className="field">
          <label htmlFor="link-password">{t('join.password')}</label>
          <input id="link-password" type="password" autoComplete="off" value={password} onChange={(event) => setPassword(event.target.value)} />
        </div>
      ) : null}
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>{t('common.cancel')}</button>
        <button type="submit" className="primary" disabled={busy}>{linkVerb(action)}</button>
      </div>
    </form>
  );
}
