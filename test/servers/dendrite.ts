/**
 * Start a throw-away Dendrite (the second Matrix homeserver, beside Synapse in ./synapse.ts)
 * on 127.0.0.1 for tests: built with `go install` on first use (see dendrite/install.ts), its
 * SQLite files, media and JetStream streams in a temp dir (in RAM where possible), no
 * federation, registration by shared secret, rate limiting off (dendrite/config.ts).
 *
 * ```ts
 * const dendrite = await startDendrite();
 * const alice = await dendrite.registerUser('alice', 'secret'); // { userId: '@alice:localhost', accessToken }
 * await dendrite.stop();
 * ```
 *
 * The first start on a machine builds Dendrite (minutes): give the hook that starts it
 * {@link DENDRITE_START_TIMEOUT_MS}.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { dendriteConfig } from './dendrite/config.js';
import { ensureDendriteInstalled } from './dendrite/install.js';
import { dataRoot, jsonRequest, MATRIX_SERVER_NAME, registerWithSharedSecret, waitUntilReady, type RunningMatrixServer } from './matrixServer.js';
import { findFreePort, readyOrStopped, ServerProcess } from './serverProcess.js';
import { run } from './synapse/install.js';

export { DENDRITE_VERSION, ensureDendriteInstalled } from './dendrite/install.js';

export interface RunningDendrite extends RunningMatrixServer {
  readonly kind: 'dendrite';
}

/** Enough for the first start on a machine, which builds Dendrite; later starts take seconds. */
export const DENDRITE_START_TIMEOUT_MS = 20 * 60_000;

/** Start Dendrite; resolves once `GET /_matrix/client/versions` answers 200. */
export async function startDendrite(): Promise<RunningDendrite> {
  const binaries = await ensureDendriteInstalled();
  const dir = await mkdtemp(path.join(await dataRoot(), 'switchboard-dendrite-'));
  const port = await findFreePort();
  const sharedSecret = randomBytes(24).toString('hex');
  const privateKeyFile = path.join(dir, 'matrix_key.pem');
  const configFile = path.join(dir, 'dendrite.yaml');
  try {
    await run(binaries.generateKeys, ['--private-key', privateKeyFile], 60_000);
    await writeFile(configFile, JSON.stringify(dendriteConfig({ dir, serverName: MATRIX_SERVER_NAME, sharedSecret, privateKeyFile }), null, 2));
  } catch (error: unknown) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  // Only the plain HTTP listener: HTTPS starts only with --tls-cert and --tls-key.
  const server = new ServerProcess({
    command: binaries.dendrite,
    args: ['--config', configFile, '--http-bind-address', `127.0.0.1:${port}`],
    cwd: dir,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const ready = (): Promise<void> => waitUntilReady('Dendrite', baseUrl, () => server.child.exitCode, () => server.output, 60_000);

  const stop = await readyOrStopped(server, dir, 5_000, ready);

  const request = (method: string, urlPath: string, accessToken: string | undefined, body?: unknown): Promise<unknown> =>
    jsonRequest(baseUrl, method, urlPath, accessToken, body);
  const registerUser = (name: string, password: string, options: { admin?: boolean } = {}): ReturnType<RunningMatrixServer['registerUser']> =>
    registerWithSharedSecret(baseUrl, sharedSecret, name, password, options.admin === true);
  const signal = (name: NodeJS.Signals): void => server.signal(name);
  const restart = async (): Promise<void> => {
    await server.relaunch();
    await ready();
  };

  return { kind: 'dendrite', baseUrl, serverName: MATRIX_SERVER_NAME, port, registerUser, request, stop, signal, restart };
}
