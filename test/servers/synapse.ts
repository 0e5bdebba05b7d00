/**
 * Start a throw-away Synapse (Matrix homeserver) on 127.0.0.1 for tests: installed from PyPI
 * into a venv under the user's cache on first use (see synapse/install.ts), SQLite and media
 * in a temp dir (in RAM where possible), no federation, registration by shared secret, rate limits raised
 * (../shared/notes/servers.md, Synapse).
 *
 * ```ts
 * const synapse = await startSynapse();
 * const alice = await synapse.registerUser('alice', 'secret'); // { userId: '@alice:localhost', accessToken }
 * // settings for the adapter: { userId: alice.userId, password: 'secret', homeserver: synapse.baseUrl }
 * await synapse.stop();
 * ```
 */
import { createHmac, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdtemp, readFile, rm, statfs, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { synapseConfig, synapseLogConfig } from './synapse/config.js';
import { ensureSynapseInstalled, ensureSynapseOidcInstalled } from './synapse/install.js';
import { findFreePort, ServerProcess } from './serverProcess.js';

export { ensureSynapseInstalled, synapseVenvDir } from './synapse/install.js';

export interface RegisteredUser {
  /** `@name:localhost` */
  readonly userId: string;
  /** A fresh access token of a device created by the registration. */
  readonly accessToken: string;
  readonly deviceId: string;
}

export interface RunningSynapse {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  readonly baseUrl: string;
  readonly serverName: 'localhost';
  readonly port: number;
  /** Create a user through the shared-secret admin API (`/_synapse/admin/v1/register`). */
  registerUser(name: string, password: string, options?: { admin?: boolean }): Promise<RegisteredUser>;
  /**
   * Override one user's message rate limit (admin API `override_ratelimit`), e.g. to make
   * the server answer 429 in a test. `perSecond: 0, burstCount: 0` means no limit.
   */
  overrideRateLimit(userId: string, perSecond: number, burstCount: number): Promise<void>;
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

export const SYNAPSE_SERVER_NAME = 'localhost';


async function jsonRequest(baseUrl: string, method: string, urlPath: string, accessToken: string | undefined, body?: unknown): Promise<unknown> {
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

async function waitUntilReady(baseUrl: string, exited: () => number | null, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'not tried';
  while (Date.now() < deadline) {
    const code = exited();
    if (code !== null) throw new Error(`Synapse exited with code ${code} before it was ready.\n${output()}`);
    try {
      const response = await fetch(`${baseUrl}/_matrix/client/versions`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      lastError = `status ${response.status}`;
    } catch (error: unknown) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Synapse did not answer GET /_matrix/client/versions within ${timeoutMs} ms (${lastError}).\n${output()}`);
}

const RAM_DIR = '/dev/shm';

/**
 * Where the server's data goes: a RAM file system where there is one. Synapse commits each
 * event to SQLite with fsyncs, and on a disk that halves its pace (two senders, sequential
 * sends while both sync: 54–76 ms per message on tmpfs against 115–190 ms on disk on the
 * 2-core test machine). A kill -9 does not lose what was committed either way: that takes
 * a machine crash, which no test here makes.
 */
async function dataRoot(): Promise<string> {
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

export interface SynapseOptions {
  /** An `oidc_providers` entry: single sign-on through that OpenID provider (test/servers/oidcProvider.ts). */
  readonly oidc?: Record<string, unknown>;
}

/** Start Synapse; resolves once `GET /_matrix/client/versions` answers 200 (2–4 s). */
export async function startSynapse(options: SynapseOptions = {}): Promise<RunningSynapse> {
  const python = options.oidc === undefined ? await ensureSynapseInstalled() : await ensureSynapseOidcInstalled();
  const dir = await mkdtemp(path.join(await dataRoot(), 'switchboard-synapse-'));
  const port = await findFreePort();
  const sharedSecret = randomBytes(24).toString('hex');
  const configFile = path.join(dir, 'homeserver.yaml');
  await writeFile(configFile, JSON.stringify(synapseConfig({ dir, port, serverName: SYNAPSE_SERVER_NAME, sharedSecret, ...(options.oidc !== undefined ? { oidc: options.oidc } : {}) }), null, 2));
  await writeFile(path.join(dir, 'log.config'), synapseLogConfig(dir));

  // The default mode (--generate-missing-and-run) generates the signing key, then runs.
  const server = new ServerProcess({ command: python, args: ['-m', 'synapse.app.homeserver', '--config-path', configFile], cwd: dir });
  const baseUrl = `http://127.0.0.1:${port}`;
  const logTail = async (): Promise<string> => {
    const log = await readFile(path.join(dir, 'homeserver.log'), 'utf8').catch(() => '');
    return `output:\n${server.output}\nhomeserver.log:\n${log.slice(-4_000)}`;
  };
  const ready = async (): Promise<void> => {
    try {
      await waitUntilReady(baseUrl, () => server.child.exitCode, () => server.output, 60_000);
    } catch (error: unknown) {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n${await logTail()}`);
    }
  };

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await server.stop(5_000);
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await ready();
  } catch (error: unknown) {
    await stop();
    throw error;
  }

  const request = (method: string, urlPath: string, accessToken: string | undefined, body?: unknown): Promise<unknown> =>
    jsonRequest(baseUrl, method, urlPath, accessToken, body);

  const registerUser = async (name: string, password: string, options: { admin?: boolean } = {}): Promise<RegisteredUser> => {
    // Shared-secret registration: HMAC-SHA1 over nonce, user, password and admin flag, NUL-separated.
    const { nonce } = await request('GET', '/_synapse/admin/v1/register', undefined) as { nonce: string };
    const admin = options.admin === true;
    const mac = createHmac('sha1', sharedSecret)
      .update(`${nonce}\0${name}\0${password}\0${admin ? 'admin' : 'notadmin'}`)
      .digest('hex');
    const answer = await request('POST', '/_synapse/admin/v1/register', undefined, {
      nonce, username: name, password, admin, mac,
    }) as { user_id: string; access_token: string; device_id: string };
    return { userId: answer.user_id, accessToken: answer.access_token, deviceId: answer.device_id };
  };

  let adminToken: Promise<string> | undefined;
  const overrideRateLimit = async (userId: string, perSecond: number, burstCount: number): Promise<void> => {
    adminToken ??= registerUser(`admin-${randomBytes(4).toString('hex')}`, randomBytes(12).toString('hex'), { admin: true })
      .then((user) => user.accessToken);
    await request('POST', `/_synapse/admin/v1/users/${encodeURIComponent(userId)}/override_ratelimit`, await adminToken, {
      messages_per_second: perSecond, burst_count: burstCount,
    });
  };

  const signal = (name: NodeJS.Signals): void => server.signal(name);
  const restart = async (): Promise<void> => {
    await server.relaunch();
    await ready();
  };

  return { baseUrl, serverName: SYNAPSE_SERVER_NAME, port, registerUser, overrideRateLimit, request, stop, signal, restart };
}
