/**
 * What every throw-away Matrix homeserver for tests offers (Synapse in ./synapse.ts, Dendrite
 * in ./dendrite.ts), and the pieces they share: JSON requests to the client-server API,
 * shared-secret registration, "ready" meaning `GET /_matrix/client/versions` answers 200, and
 * where the data goes.
 */
import { createHmac } from 'node:crypto';
import { constants } from 'node:fs';
import { access, statfs } from 'node:fs/promises';
import os from 'node:os';

/** The Matrix homeservers the integration tests run against. */
export type MatrixServerKind = 'synapse' | 'dendrite';

export interface RegisteredUser {
  /** `@name:localhost` */
  readonly userId: string;
  /** A fresh access token of a device created by the registration. */
  readonly accessToken: string;
  readonly deviceId: string;
}

export interface RunningMatrixServer {
  readonly kind: MatrixServerKind;
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  readonly baseUrl: string;
  readonly serverName: 'localhost';
  readonly port: number;
  /** Create a user through shared-secret registration (`/_synapse/admin/v1/register`, which Dendrite serves too). */
  registerUser(name: string, password: string, options?: { admin?: boolean }): Promise<RegisteredUser>;
  /** An authenticated JSON request to the homeserver; throws on a non-2xx answer. */
  request(method: string, urlPath: string, accessToken: string | undefined, body?: unknown): Promise<unknown>;
  /** Stop the server and remove its data. */
  stop(): Promise<void>;
  /** Send a signal to the running server (SIGKILL to crash it, SIGSTOP/SIGCONT to freeze it). */
  signal(signal: NodeJS.Signals): void;
  /**
   * Start the server again after it was killed (kills it first if it still runs): same
   * port, config, signing key and database. Resolves once the client API answers.
   */
  restart(): Promise<void>;
}

export const MATRIX_SERVER_NAME = 'localhost';

export async function jsonRequest(baseUrl: string, method: string, urlPath: string, accessToken: string | undefined, body?: unknown): Promise<unknown> {
  const headers: Record<string, string> = {};
  if (accessToken !== undefined) headers['Authorization'] = `Bearer ${accessToken}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${baseUrl}${urlPath}`, {
    method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${urlPath} answered ${response.status}: ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) as unknown : {};
}

/**
 * Shared-secret registration (Synapse's admin API, also served by Dendrite): HMAC-SHA1 over
 * nonce, user, password and admin flag, NUL-separated, keyed with the configured secret.
 */
export async function registerWithSharedSecret(
  baseUrl: string, sharedSecret: string, name: string, password: string, admin: boolean,
): Promise<RegisteredUser> {
  const { nonce } = await jsonRequest(baseUrl, 'GET', '/_synapse/admin/v1/register', undefined) as { nonce: string };
  const mac = createHmac('sha1', sharedSecret)
    .update(`${nonce}\0${name}\0${password}\0${admin ? 'admin' : 'notadmin'}`)
    .digest('hex');
  const answer = await jsonRequest(baseUrl, 'POST', '/_synapse/admin/v1/register', undefined, {
    nonce, username: name, password, admin, mac,
  }) as { user_id: string; access_token: string; device_id: string };
  return { userId: answer.user_id, accessToken: answer.access_token, deviceId: answer.device_id };
}

/** Resolves once `GET /_matrix/client/versions` answers 200; throws when the process exits first or time runs out. */
export async function waitUntilReady(
  serverLabel: string, baseUrl: string, exited: () => number | null, output: () => string, timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'not tried';
  while (Date.now() < deadline) {
    const code = exited();
    if (code !== null) throw new Error(`${serverLabel} exited with code ${code} before it was ready.\n${output()}`);
    try {
      const response = await fetch(`${baseUrl}/_matrix/client/versions`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      lastError = `status ${response.status}`;
    } catch (error: unknown) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${serverLabel} did not answer GET /_matrix/client/versions within ${timeoutMs} ms (${lastError}).\n${output()}`);
}

const RAM_DIR = '/dev/shm';

/**
 * Where a server's data goes: a RAM file system where there is one. Homeservers commit each
 * event to SQLite with fsyncs, and on a disk that halves their pace (Synapse, two senders,
 * sequential sends while both sync: 54–76 ms per message on tmpfs against 115–190 ms on disk
 * on the 2-core test machine). A kill -9 does not lose what was committed either way: that
 * takes a machine crash, which no test here makes.
 */
export async function dataRoot(): Promise<string> {
  try {
    await access(RAM_DIR, constants.W_OK);
    // Docker gives containers a 64 MB /dev/shm: not enough for the large-room tests.
    const { bavail, bsize } = await statfs(RAM_DIR);
    if (bavail * bsize >= 1024 ** 3) return RAM_DIR;
  } catch {
    // no RAM file system here
  }
  return os.tmpdir();
}
