/**
 * "Trust certificate": repeats what the certificate says, warns in plain words what trusting
 * a wrong one means, and on "Trust and connect" pins exactly this fingerprint for the account.
 */
import { useState } from 'react';
import { errorMessage } from '../state/actions.js';
import { findPlugin } from '../state/accounts.js';
import { certificateHost } from '../state/certificateTrust.js';
import type { CertificateView } from '../state/ui.js';
import { useActions, useAppStore } from './AppContext.js';
import { Dialog } from './Dialog.js';
import { useTimeFormats } from './useTimeFormats.js';

export function TrustCertificateDialog({ accountId, certificate, onClose }: {
  readonly accountId: string; readonly certificate: CertificateView; readonly onClose: () => void;
}) {
  const actions = useActions();
  const formats = useTimeFormats();
  const account = useAppStore('accounts', (state) => state.list.find((item) => item.id === accountId));
  const plugin = useAppStore('plugins', (state) => (account ? findPlugin(state.list, account.pluginId) : undefined));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const host = account ? certificateHost(account, plugin) : undefined;

  const trust = (): void => {
    setBusy(true);
    setError(null);
    actions.trustCertificate(accountId, certificate.fingerprint256).then(onClose, (caught: unknown) => {
      setError(`Not trusted: ${errorMessage(caught)}`);
      setBusy(false);
    });
  };

  return (
    <Dialog title="Trust certificate" onClose={onClose}>
      <p>
        The server{host !== undefined ? <> <strong>{host}</strong></> : null} presented a certificate that could not be verified
        {account ? <> for {account.label}</> : null}: {certificate.reason}
      </p>
      <dl className="certificate-details">
        <dt>Host</dt><dd>{host ?? 'unknown'}</dd>
        <dt>Subject</dt><dd>{certificate.subject}</dd>
        <dt>Issuer</dt><dd>{certificate.issuer}</dd>
        {certificate.validTo !== undefined ? <><dt>Valid until</dt><dd>{formats.date(new Date(certificate.validTo))}</dd></> : null}
        <dt>SHA-256 fingerprint</dt><dd><code>{certificate.fingerprint256}</code></dd>
      </dl>
      <p className="warning">
        Only trust it if you know this is the server&apos;s real certificate, for example because its administrator gave you
        the same fingerprint. If someone is intercepting your connection, trusting their certificate lets them read
        everything this account sends and receives, including your password.
      </p>
      <p className="note">Only this exact certificate will be trusted, and only for this account. If the server&apos;s certificate changes, you will be asked again.</p>
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>Cancel</button>
        <button type="button" className="danger" disabled={busy} onClick={trust}>Trust and connect</button>
      </div>
    </Dialog>
  );
}
