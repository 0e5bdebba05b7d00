/**
 * Stanza errors (RFC 6120 §8.3) in words: every defined condition and type maps to a
 * sentence and an error kind the user interface understands.
 */
import { ProtocolError, type ProtocolErrorKind } from '../api/index.js';
import { IqError } from './stream/iqTracker.js';
import { NS, attr, childText, elements, type Element } from './xml.js';

/** RFC 6120 §8.3.3, one phrase per defined condition. */
const CONDITIONS: Record<string, readonly [ProtocolErrorKind, string]> = {
  'bad-request': ['protocol', 'the request was malformed'],
  'conflict': ['protocol', 'it conflicts with something that already exists (a nickname or resource in use)'],
  'feature-not-implemented': ['not-supported', 'the feature is not implemented there'],
  'forbidden': ['protocol', 'you are not allowed to do that'],
  'gone': ['protocol', 'the address is gone'],
  'internal-server-error': ['protocol', 'the server had an internal error'],
  'item-not-found': ['protocol', 'it does not exist'],
  'jid-malformed': ['protocol', 'the address is not a valid XMPP address'],
  'not-acceptable': ['protocol', 'the request was not acceptable (too long, or invalid content)'],
  'not-allowed': ['protocol', 'that is not allowed there'],
  'not-authorized': ['protocol', 'you are not authorized (a password may be needed)'],
  'policy-violation': ['protocol', 'it violates the server\'s policy'],
  'recipient-unavailable': ['network', 'the recipient is unavailable'],
  'redirect': ['protocol', 'it has moved elsewhere'],
  'registration-required': ['protocol', 'you need to be registered (a member) first'],
  'remote-server-not-found': ['network', 'the other server could not be found'],
  'remote-server-timeout': ['network', 'the other server did not answer in time'],
  'resource-constraint': ['rate-limited', 'the server is too busy'],
  'service-unavailable': ['not-supported', 'the service is not available there'],
  'subscription-required': ['protocol', 'a presence subscription is required first'],
  'undefined-condition': ['protocol', 'an unspecified error occurred'],
  'unexpected-request': ['protocol', 'the request was not expected at this point'],
};

/** RFC 6120 §8.3.2 error types: what the sender may do about it. */
const TYPES: Record<string, string> = {
  auth: 'retry after providing credentials',
  cancel: 'do not retry',
  continue: 'proceed (the condition was only a warning)',
  modify: 'retry after changing the data sent',
  wait: 'retry after waiting',
};

export interface StanzaErrorInfo {
  readonly condition: string;
  readonly type: string;
  readonly text?: string;
  readonly kind: ProtocolErrorKind;
  readonly message: string;
}

/** Read the `<error/>` of a stanza of type "error"; `what` names the request ("Joining x"). */
export function describeStanzaError(stanza: Element, what: string): StanzaErrorInfo {
  // The <error/> child is in the stanza's namespace (jabber:client), or in none when built locally.
  const error = elements(stanza).find((node) => node.getName() === 'error' && (node.getNS() === undefined || node.getNS() === NS.client));
  const conditionElement = elements(error).find((node) => node.getNS() === NS.stanzas && node.getName() !== 'text');
  const condition = conditionElement?.getName() ?? 'undefined-condition';
  const type = (error ? attr(error, 'type') : undefined) ?? 'cancel';
  const text = childText(error, 'text', NS.stanzas)?.trim().slice(0, 300);
  const [kind, words] = CONDITIONS[condition] ?? ['protocol', `the request failed (${condition})`];
  const advice = type === 'wait' ? ' Try again later.' : type === 'auth' ? ' Credentials may be needed.' : '';
  const by = attr(stanza, 'from');
  return {
    condition,
    type,
    kind: type === 'wait' && kind === 'protocol' ? 'rate-limited' : kind,
    ...(text ? { text } : {}),
    message: `${what} failed${by ? ` at ${by}` : ''}: ${words}${text ? ` ("${text}")` : ''}.${advice}`,
  };
}

/** A ProtocolError that keeps the RFC 6120 §8.3.3 condition, for callers that act on it (MAM's item-not-found). */
export class StanzaError extends ProtocolError {
  constructor(info: StanzaErrorInfo) {
    super(info.kind, info.message);
    this.condition = info.condition;
  }

  readonly condition: string;
}

export function stanzaErrorToProtocolError(stanza: Element, what: string): ProtocolError {
  return new StanzaError(describeStanzaError(stanza, what));
}

/** Turn whatever an iq call threw into a ProtocolError with a clear message. */
export function iqFailure(error: unknown, what: string): ProtocolError {
  if (error instanceof IqError) return stanzaErrorToProtocolError(error.stanza, what);
  if (error instanceof ProtocolError) return new ProtocolError(error.kind, `${what} failed: ${error.message}`);
  return new ProtocolError('internal', `${what} failed: ${error instanceof Error ? error.message : String(error)}`);
}

/** The error types, for tests and documentation. */
export const STANZA_ERROR_TYPES: readonly string[] = Object.keys(TYPES);
export const STANZA_ERROR_CONDITIONS: readonly string[] = Object.keys(CONDITIONS);
