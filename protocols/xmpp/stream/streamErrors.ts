/** Stream errors (RFC 6120 §4.9) and SASL failures (§6.5) in words, with the error kind they mean. */
import { ProtocolError, type ProtocolErrorKind } from '../../api/index.js';
import { NS, elements, childText, type Element } from '../xml.js';

const STREAM_ERRORS: Record<string, readonly [ProtocolErrorKind, string]> = {
  'bad-format': ['protocol', 'the server could not read what we sent'],
  'conflict': ['network', 'another connection with the same resource replaced this one'],
  'connection-timeout': ['network', 'the server closed the idle connection'],
  'host-gone': ['protocol', 'the server no longer serves this domain'],
  'host-unknown': ['protocol', 'the server does not serve this domain'],
  'not-authorized': ['auth', 'the server refused the login'],
  'policy-violation': ['protocol', 'the server\'s policy refused what we sent (too much, or too large)'],
  'remote-connection-failed': ['network', 'the server could not reach a service it needs'],
  'reset': ['network', 'the server reset the connection'],
  'resource-constraint': ['rate-limited', 'the server is too busy'],
  'see-other-host': ['protocol', 'the server asks clients to connect to another host'],
  'system-shutdown': ['network', 'the server is shutting down'],
  'unsupported-version': ['protocol', 'the server does not speak this version of XMPP'],
  'invalid-xml': ['protocol', 'the server could not read what we sent'],
  'internal-server-error': ['network', 'the server had an internal error'],
};

/** The error for a `<stream:error/>` element. */
export function streamError(element: Element, domain: string): ProtocolError {
  const condition = elements(element).find((node) => node.getNS() === NS.streams && node.getName() !== 'text');
  const name = condition?.getName() ?? 'undefined-condition';
  const text = childText(element, 'text', NS.streams)?.trim();
  const [kind, words] = STREAM_ERRORS[name] ?? ['protocol', `the server closed the stream (${name})`];
  const where = name === 'see-other-host' && condition ? ` (${condition.text().slice(0, 200)})` : '';
  return new ProtocolError(kind, `${domain}: ${words}${where}${text ? `: ${text.slice(0, 300)}` : ''}.`);
}

const SASL_FAILURES: Record<string, readonly [ProtocolErrorKind, string]> = {
  'not-authorized': ['auth', 'the server refused the password (or the account does not exist)'],
  'account-disabled': ['auth', 'the account is disabled'],
  'credentials-expired': ['auth', 'the password has expired'],
  'encryption-required': ['protocol', 'the server wants an encrypted connection for this login'],
  'invalid-authzid': ['auth', 'the server refused the login identity'],
  'invalid-mechanism': ['protocol', 'the server refused the login method'],
  'mechanism-too-weak': ['protocol', 'the server considers the login method too weak'],
  'temporary-auth-failure': ['network', 'the server could not check the password just now'],
  'malformed-request': ['protocol', 'the server could not read the login'],
  'aborted': ['protocol', 'the login was aborted'],
};

/** The error for a SASL `<failure/>`. */
export function saslFailure(element: Element, account: string): ProtocolError {
  const condition = elements(element).find((node) => node.getName() !== 'text');
  const name = condition?.getName() ?? 'not-authorized';
  const text = childText(element, 'text', NS.sasl)?.trim();
  const [kind, words] = SASL_FAILURES[name] ?? ['auth', `the login failed (${name})`];
  return new ProtocolError(kind, `Login as ${account} failed: ${words}${text ? ` (${text.slice(0, 300)})` : ''}.`);
}
