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
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { dataRoot, jsonRequest, registerWithSharedSecret, waitUntilReady, type RegisteredUser, type RunningMatrixServer } from './matrixServer.js';
import { synapseConfig, synapseLogConfig } from './synapse/config.js';
import { ensureSynapseInstalled, ensureSynapseOidcInstalled } from './synapse/install.js';
import { findFreePort, readyOrStopped, ServerProcess } from './serverProcess.js';

export { ensureSynapseInstalled, synapseVenvDir } from './synapse/install.js';
export type { RegisteredUser } from './matrixServer.js';

export interface RunningSynapse extends RunningMatrixServer {
  readonly kind: 'synapse';
  /**
   * Override one user's message rate limit (admin API `override_ratelimit`), e.g. to make
   * the server answer 429 in a test. `perSecond: 0, burstCount: 0` means no limit.
   */
  overrideRateLimit(userId: string, perSecond: number, burstCount: number): Promise<void>;
}

export const SYNAPSE_SERVER_NAME = 'localhost';

export interface SynapseOptions {
  /** An `oidc_providers` entry: single sign-on through that OpenID provider (test/servers/oidcProvider.ts). */
  readonly oidc?: Record<string, unknown>;
}

/** Start Synapse; resolves once `GET /_matrix/client/versions` answers 200 (2–4 s). */
/** Starts after a free port was taken by another process before Synapse bound it (seen once in e2e). */
const PORT_ATTEMPTS = 3;

export async function startSynapse(options: SynapseOptions = {}, attempt = 1): Promise<RunningSynapse> {
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
      await waitUntilReady('Synapse', baseUrl, () => server.child.exitCode, () => server.output, 60_000);
    } catch (error: unknown) {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n${await logTail()}`);
    }
  };

  let stop: () => Promise<void>;
  try {
    stop = await readyOrStopped(server, dir, 5_000, ready);
  } catch (error: unknown) {
    // findFreePort's port is reserved among the tests, but any other program may bind it before Synapse does, seconds later.
    if (attempt < PORT_ATTEMPTS && error instanceof Error && error.message.includes('Address already in use')) return startSynapse(options, attempt + 1);
    throw error;
  }

  const request = (method: string, urlPath: string, accessToken: string | undefined, body?: unknown): Promise<unknown> =>
    jsonRequest(baseUrl, method, urlPath, accessToken, body);

  const registerUser = (name: string, password: string, options: { admin?: boolean } = {}): Promise<RegisteredUser> =>
    registerWithSharedSecret(baseUrl, sharedSecret, name, password, options.admin === true);

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

  return { kind: 'synapse', baseUrl, serverName: SYNAPSE_SERVER_NAME, port, registerUser, overrideRateLimit, request, stop, signal, restart };
}
