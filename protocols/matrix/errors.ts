/**
 * Failures of the SDK and the homeserver, as the kinds of error the UI understands
 * (spec §API Standards: standard error responses, `M_LIMIT_EXCEEDED` with `retry_after_ms`).
 */
import { ProtocolError } from '../api/index.js';
import { ConnectionError, MatrixError } from 'matrix-js-sdk';

/** The HTTP status and Matrix errcode of a failure, when it is one from the homeserver. */
export function matrixErrorOf(error: unknown): { status: number; errcode: string; retryAfterMs?: number } | undefined {
  if (!(error instanceof MatrixError)) return undefined;
  const retry: unknown = (error.data as Record<string, unknown>)['retry_after_ms'];
  return {
    status: error.httpStatus ?? 0,
    errcode: error.errcode ?? '',
    ...(typeof retry === 'number' ? { retryAfterMs: retry } : {}),
  };
}

export function isRateLimited(error: unknown): boolean {
  const matrix = matrixErrorOf(error);
  return matrix !== undefined && (matrix.status === 429 || matrix.errcode === 'M_LIMIT_EXCEEDED');
}

/** A network-level failure: nothing answered, the connection broke, a request timed out. */
export function isNetworkFailure(error: unknown): boolean {
  if (error instanceof ConnectionError) return true;
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) return true;
  return error instanceof TypeError && /fetch failed|network/i.test(error.message);
}

function plain(message: string): string {
  // One line, no stack: what the server said, trimmed.
  return message.split('\n')[0]?.slice(0, 300) ?? '';
}

/**
 * Turn anything the SDK throws into a ProtocolError. `doing` completes "Could not …" for
 * the user, e.g. "send the message".
 */
export function toProtocolError(error: unknown, doing: string): ProtocolError {
  if (error instanceof ProtocolError) return error;
  const matrix = matrixErrorOf(error);
  if (matrix) {
    const said = error instanceof MatrixError ? plain(error.data.error ?? error.message) : '';
    if (matrix.status === 429 || matrix.errcode === 'M_LIMIT_EXCEEDED') {
      return new ProtocolError('rate-limited', `The homeserver asked to slow down; could not ${doing} yet.`,
        matrix.retryAfterMs !== undefined ? { retryAfterMs: matrix.retryAfterMs } : {});
    }
    if (matrix.errcode === 'M_UNKNOWN_TOKEN' || matrix.errcode === 'M_MISSING_TOKEN') {
      return new ProtocolError('auth', 'The homeserver no longer accepts this session (it was logged out or expired). Enter your password to log in again.');
    }
    if (matrix.errcode === 'M_FORBIDDEN' && doing === 'log in') {
      return new ProtocolError('auth', 'The homeserver refused the user ID or password.');
    }
    if (matrix.errcode === 'M_USER_DEACTIVATED') return new ProtocolError('auth', 'This Matrix account has been deactivated.');
    // §API Standards: M_UNRECOGNIZED (404/405) is an endpoint the homeserver does not have, not
    // a missing room or event (Dendrite 0.13 has no knocking, for one).
    if (matrix.errcode === 'M_UNRECOGNIZED') {
      return new ProtocolError('protocol', `Could not ${doing}: the homeserver does not support this.`);
    }
    if (matrix.errcode === 'M_NOT_FOUND' || matrix.status === 404) {
      return new ProtocolError('protocol', `Could not ${doing}: not found${said ? ` (${said})` : ''}.`);
    }
    if (matrix.errcode === 'M_FORBIDDEN' || matrix.status === 403) {
      return new ProtocolError('protocol', `Could not ${doing}: not allowed${said ? ` (${said})` : ''}.`);
    }
    if (matrix.status >= 500) return new ProtocolError('network', `Could not ${doing}: the homeserver had an internal error (${matrix.status}).`);
    return new ProtocolError('protocol', `Could not ${doing}: ${said || `${matrix.errcode || 'error'} ${matrix.status}`}.`);
  }
  if (isNetworkFailure(error)) {
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${plain(error.cause.message)})` : '';
    return new ProtocolError('network', `Could not ${doing}: the homeserver could not be reached${cause}.`);
  }
  const message = error instanceof Error ? plain(error.message) : String(error);
  return new ProtocolError('internal', `Could not ${doing}: ${message || 'unknown error'}.`);
}
