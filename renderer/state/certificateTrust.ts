/**
 * Trusting a certificate the connection refused: offered only when the account failed on a
 * certificate that comes with a fingerprint, and only for plugins that take a pinned
 * fingerprint (an account field `trustedFingerprint`), since that is where the core keeps it.
 */
import type { AccountView, PluginView } from '../../electron/bridge/schemas.js';
import type { CertificateView } from './ui.js';

export const TRUSTED_FINGERPRINT_FIELD = 'trustedFingerprint';

/** As `accounts.trustCertificate` accepts it: 32 upper-case hex pairs joined by colons. */
const FINGERPRINT = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;

/** The certificate the user may choose to trust, or undefined when trusting is not offered. */
export function trustableCertificate(account: AccountView, plugin: PluginView | undefined): CertificateView | undefined {
  const certificate = account.error?.kind === 'certificate' ? account.error.certificate : undefined;
  if (!certificate || !plugin) return undefined;
  if (!plugin.accountFields.some((field) => field.key === TRUSTED_FINGERPRINT_FIELD)) return undefined;
  return FINGERPRINT.test(certificate.fingerprint256) ? certificate : undefined;
}

/**
 * The host the account connects to, for the confirmation: the `server` setting, else the
 * domain of the account's address (user@domain). Undefined when neither is known.
 */
export function certificateHost(account: AccountView, plugin: PluginView | undefined): string | undefined {
  const server = account.settings['server'];
  if (typeof server === 'string' && server.trim() !== '') return server.trim();
  const address = plugin ? account.settings[plugin.accountLabelField] : undefined;
  if (typeof address !== 'string') return undefined;
  const at = address.lastIndexOf('@');
  const domain = at === -1 ? '' : address.slice(at + 1).split('/')[0]?.trim() ?? '';
  return domain === '' ? undefined : domain;
}
