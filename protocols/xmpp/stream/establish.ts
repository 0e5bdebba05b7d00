/**
 * Getting a negotiated stream for the session (session.ts): at login, the first of the
 * account's endpoints that answers (SRV order, RFC 6120 §3.2.1: on a network failure the
 * next is tried, any other refusal ends the login); after a drop, a new connection to the
 * same endpoint that resumes the XEP-0198 session (§5), tried again with back-off within the
 * resumption window. What to do with the stream is the session's.
 */
import { ProtocolError, type PluginLogger } from '../../api/index.js';
import type { Endpoint } from './endpoint.js';
import { negotiate, type NegotiationOptions, type NegotiationResult } from './negotiate.js';
import { StreamConnection } from './streamConnection.js';

const RESUME_DELAYS_MS = [0, 500, 1_000, 2_000, 4_000, 8_000, 15_000];

export interface EstablishOptions extends Omit<NegotiationOptions, 'resume'> {
  readonly endpoints: readonly Endpoint[];
  readonly log: PluginLogger;
  readonly timeoutMs: number;
}

type Bound = Extract<NegotiationResult, { kind: 'bound' }>;

export interface LoggedIn {
  readonly connection: StreamConnection;
  readonly endpoint: Endpoint;
  readonly result: Bound;
}

export type Resumption =
  | { readonly kind: 'resumed'; readonly connection: StreamConnection; readonly h: string | undefined }
  /** The session cannot go on: resumption refused, or every attempt failed within the window. */
  | { readonly kind: 'failed'; readonly error: ProtocolError }
  /** Nobody waits for it any more (the session was stopped meanwhile). */
  | { readonly kind: 'abandoned' };

function asProtocolError(thrown: unknown): ProtocolError {
  return thrown instanceof ProtocolError ? thrown : new ProtocolError('network', thrown instanceof Error ? thrown.message : String(thrown));
}

/** Log in on the first endpoint that answers; rejects with a ProtocolError. */
export async function logIn(options: EstablishOptions, cancelled: () => boolean): Promise<LoggedIn> {
  let lastError: ProtocolError | undefined;
  for (const endpoint of options.endpoints) {
    const connection = new StreamConnection(options.domain, options.timeoutMs);
    try {
      await connection.connect(endpoint, options.policy);
      const result = await negotiate(connection, options);
      if (result.kind !== 'bound') throw new ProtocolError('protocol', 'Unexpected negotiation result.');
      if (cancelled()) {
        await connection.close();
        throw new ProtocolError('network', 'The login was cancelled.');
      }
      return { connection, endpoint, result };
    } catch (thrown: unknown) {
      connection.destroy();
      const error = asProtocolError(thrown);
      if (error.kind !== 'network' || cancelled()) throw error;
      lastError = error;
    }
  }
  throw lastError ?? new ProtocolError('network', `No server found for ${options.domain}.`);
}

export interface ResumeRequest {
  readonly endpoint: Endpoint;
  /** When the connection dropped; attempts stop `windowMs` after it. */
  readonly started: number;
  readonly windowMs: number;
  /** The session's id and inbound count at each attempt (undefined id: no longer resumable). */
  readonly session: () => { readonly id: string; readonly h: number } | undefined;
  /** False once the session stopped waiting for this. */
  readonly wanted: () => boolean;
}

/** XEP-0198 §5: reconnect and resume, retrying network failures with back-off within the window. */
export async function resumeOnNewConnection(options: EstablishOptions, request: ResumeRequest): Promise<Resumption> {
  let lastError = new ProtocolError('network', `The connection to ${options.domain} was lost.`);
  for (const delay of RESUME_DELAYS_MS) {
    if (Date.now() - request.started + delay > request.windowMs) break;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    if (!request.wanted()) return { kind: 'abandoned' };
    const resume = request.session();
    if (!resume) break;
    const connection = new StreamConnection(options.domain, options.timeoutMs);
    try {
      await connection.connect(request.endpoint, options.policy);
      const result = await negotiate(connection, { ...options, resume });
      if (!request.wanted()) {
        await connection.close();
        return { kind: 'abandoned' };
      }
      if (result.kind !== 'resumed') {
        connection.destroy();
        return { kind: 'failed', error: new ProtocolError('network', `The session could not be resumed (${result.kind === 'resume-failed' ? result.reason : 'unexpected answer'}).`) };
      }
      return { kind: 'resumed', connection, h: result.h };
    } catch (thrown: unknown) {
      connection.destroy();
      const error = asProtocolError(thrown);
      if (error.kind !== 'network') return { kind: 'failed', error };
      lastError = error;
      options.log.debug(`XMPP: resumption attempt failed: ${error.message}`);
    }
  }
  return { kind: 'failed', error: lastError };
}
