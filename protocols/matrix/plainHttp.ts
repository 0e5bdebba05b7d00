/**
 * Issue 7 for Matrix: no password or access token over plain HTTP unless the user allowed
 * it for that account. An http:// homeserver (typed in, or published by .well-known) on
 * another host is refused before the first request. A loopback homeserver (localhost,
 * 127.0.0.0/8, ::1) is accepted: that is how a homeserver behind a reverse proxy on the same
 * machine, or a development server, is reached, and its traffic never leaves the machine.
 */
import { ProtocolError } from '../api/index.js';

export const ALLOW_PLAIN_PASSWORD_LABEL = 'Allow sending my password without encryption';

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** The error that stops a login to `homeserver`, or undefined when it may go ahead. */
export function plainHttpRefusal(homeserver: string, allowed: boolean): ProtocolError | undefined {
  let url: URL;
  try {
    url = new URL(homeserver);
  } catch {
    return new ProtocolError('protocol', `"${homeserver}" is not a valid homeserver URL.`);
  }
  if (url.protocol !== 'http:' || allowed || isLoopback(url.hostname)) return undefined;
  return new ProtocolError('auth',
    `Not connecting to ${url.origin}: it is plain HTTP, so your password and access token would be sent unencrypted. `
    + 'Use an https:// homeserver URL, or, only if you trust every network between you and the server, '
    + `turn on "${ALLOW_PLAIN_PASSWORD_LABEL}" in the account's advanced settings.`);
}
