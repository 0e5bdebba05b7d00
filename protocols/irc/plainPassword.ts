/**
 * No password in clear text unless the user allowed it for this account (issue 7). Without
 * TLS, the server password (PASS), the account password (SASL PLAIN is only base64) and
 * NickServ IDENTIFY are readable by anyone on the way. Loopback hosts get no exception:
 * "127.0.0.1" may be a tunnel or a port forward whose far end is another machine.
 */
import { ProtocolError } from '../api/index.js';
import type { Endpoint } from './login.js';
import type { IrcSettings } from './settings.js';

/** The label of the manifest field that allows it (the error tells the user to look for it). */
export const ALLOW_PLAIN_PASSWORD_LABEL = 'Allow sending my password without encryption';

/** Which passwords a login with these settings sends, in the user's words. */
export function passwordsSent(settings: IrcSettings): string[] {
  const sent: string[] = [];
  if (settings.password !== undefined) sent.push('server password');
  // SASL EXTERNAL logs in with the client certificate: the account password stays home.
  if (settings.accountPassword !== undefined && settings.saslMechanism !== 'external') sent.push('account password');
  return sent;
}

/** The error that stops a login to `endpoint`, or undefined when it may go ahead. */
export function plainPasswordRefusal(settings: IrcSettings, endpoint: Endpoint): ProtocolError | undefined {
  if (endpoint.tls || settings.allowPlainPassword) return undefined;
  const sent = passwordsSent(settings);
  if (sent.length === 0) return undefined;
  return new ProtocolError('auth',
    `Not connecting to ${endpoint.host}:${endpoint.port}: TLS is off, so your ${sent.join(' and ')} would be sent unencrypted. `
    + `Turn on "Use TLS" (most servers offer it on port 6697), or, only if you trust every network between you and the server, `
    + `turn on "${ALLOW_PLAIN_PASSWORD_LABEL}" in the account's advanced settings.`);
}
