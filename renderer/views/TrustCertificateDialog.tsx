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
import { useT } from '../i18n/index.js';
import { PART, splitAround } from '../i18n/splitAround.js';

export function TrustCertificateDialog({ accountId, certificate, onClose }: {
  readonly accountId: string; readonly certificate: CertificateView; readonly onClose: () => void;
}) {
  const actions = useActions();
  const t = useT();
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
      setError(t('trust.notTrusted', { error: errorMessage(caught) }));
      setBusy(false);
    });
  };

  const introKey = host !== undefined ? (account ? 'trust.introHostFor' : 'trust.introHost') : (account ? 'trust.introFor' : 'trust.intro');
  const [before, after] = splitAround(t(introKey, { host: PART, account: account?.label ?? '', reason: certificate.reason }));
  return (
    <Dialog title={t('trust.title')} onClose={onClose}>
      <p>{before}{host !== undefined ? <strong>{host}</strong> : null}{after}</p>
      <dl className="certificate-details">
        <dt>{t('trust.host')}</dt><dd>{host ?? t('trust.unknown')}</dd>
        <dt>{t('trust.subject')}</dt><dd>{certificate.subject}</dd>
        <dt>{t('trust.issuer')}</dt><dd>{certificate.issuer}</dd>
        {certificate.validTo !== undefined ? <><dt>{t('trust.validUntil')}</dt><dd>{formats.date(new Date(certificate.validTo))}</dd></> : null}
        <dt>{t('trust.fingerprint')}</dt><dd><code>{certificate.fingerprint256}</code></dd>
      </dl>
      <p className="warning">{t('trust.warning')}</p>
      <p className="note">{t('trust.only')}</p>
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>{t('common.cancel')}</button>
        <button type="button" className="danger" disabled={busy} onClick={trust}>{t('trust.connect')}</button>
      </div>
    </Dialog>
  );
}
