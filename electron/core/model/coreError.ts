/**
 * The core's own errors: what went wrong, in words for the user, with a kind that says
 * how it can be handled (the plugin API's kinds, plus a request the core refuses and a
 * thing that does not exist). Services throw these; the bridge turns them into its
 * replies at its edge (bridge/bridgeErrors.ts), so a change to what the UI is sent does
 * not reach the services.
 */
import type { CertificateDetail, ProtocolErrorData, ProtocolErrorKind } from '../../../protocols/api/index.js';

export type CoreErrorKind = ProtocolErrorKind | 'invalid-request' | 'not-found';

export interface CoreErrorData {
  readonly kind: CoreErrorKind;
  /** One or two sentences for the user. Never a stack trace. */
  readonly message: string;
  readonly certificate?: CertificateDetail;
  readonly retryAfterMs?: number;
  /** Nothing of the request reached the network (the plugin API's `notSent`). */
  readonly notSent?: true;
}

export class CoreError extends Error {
  constructor(readonly data: CoreErrorData) {
    super(data.message);
    this.name = 'CoreError';
  }

  get kind(): CoreErrorKind {
    return this.data.kind;
  }
}

/** The account is not online, so nothing was handed to the network. */
export class AccountOfflineError extends CoreError {
  constructor(message: string) {
    super({ kind: 'network', message, notSent: true });
    this.name = 'AccountOfflineError';
  }
}

export function invalidRequest(message: string): CoreError {
  return new CoreError({ kind: 'invalid-request', message });
}

export function notFound(message: string): CoreError {
  return new CoreError({ kind: 'not-found', message });
}

export function notSupported(message: string): CoreError {
  return new CoreError({ kind: 'not-supported', message });
}

/**
 * What a failed message records of an error (the plugin API's shape): the core's own
 * refusals count as the protocol's, anything unexpected as internal.
 */
export function toProtocolError(error: unknown): ProtocolErrorData {
  if (error instanceof CoreError) {
    const { kind, message, notSent } = error.data;
    return { kind: kind === 'invalid-request' || kind === 'not-found' ? 'protocol' : kind, message, ...(notSent === true ? { notSent } : {}) };
  }
  return { kind: 'internal', message: String(error) };
}
