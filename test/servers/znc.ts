/**
 * Start a throw-away ZNC (Debian `znc`) on 127.0.0.1 for tests: one user, `alice`, with one
 * ZNC network per upstream server given, each joined to the channels given. A client logs in
 * with the server password `alice/<network>:<password>` (ZNC's "user/network:password"),
 * which is exactly what a Switchboard IRC account's "Server password" field sends.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chown, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { connectRawIrcClient } from './rawIrcClient.js';
import { findFreePort, ServerProcess } from './serverProcess.js';

export const ZNC_BINARY = '/usr/bin/znc';
export const ZNC_PASSWORD = 'bouncer-secret';

export interface ZncNetwork {
  /** ZNC's name for the network, the part after `alice/` in the login. */
  readonly name: string;
  readonly port: number;
  readonly channels: readonly string[];
}

export interface ZncOptions {
  readonly networks: readonly ZncNetwork[];
  /**
   * ZNC's AutoClearChanBuffer: true (ZNC's default) empties a channel's buffer once a client
   * has been given it; false keeps it, so every client that attaches is given it again (the
   * set-up for several clients on one bouncer).
   */
  readonly clearBufferAfterPlayback?: boolean;
}

export interface RunningZnc {
  readonly port: number;
  /** The server password a client of `network` logs in with. */
  login(network: string): string;
  stop(): Promise<void>;
}

const NOBODY = 65534;

async function chownTree(dir: string, uid: number, gid: number): Promise<void> {
  await chown(dir, uid, gid);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) await chownTree(child, uid, gid);
    else await chown(child, uid, gid);
  }
}

/** znc.conf: a salted SHA-256 password (ZNC's `<Pass>` block), the networks and their channels. */
function configText(port: number, options: ZncOptions): string {
  const salt = randomBytes(10).toString('hex');
  const hash = createHash('sha256').update(ZNC_PASSWORD + salt).digest('hex');
  const clear = options.clearBufferAfterPlayback ?? true;
  const networks = options.networks.map((network) => [
    `\t<Network ${network.name}>`,
    `\t\tServer = 127.0.0.1 ${network.port}`,
    ...network.channels.flatMap((channel) => [`\t\t<Chan ${channel}>`, '\t\t</Chan>']),
    '\t</Network>',
  ].join('\n'));
  return [
    'Version = 1.8.2',
    '<Listener listener0>',
    '\tAllowIRC = true', '\tAllowWeb = false', '\tIPv4 = true', '\tIPv6 = false',
    `\tPort = ${port}`, '\tSSL = false', '\tHost = 127.0.0.1',
    '</Listener>',
    // Reconnect to an upstream at once, not after ZNC's default 30 s throttle.
    'ServerThrottle = 1',
    'ConnectDelay = 1',
    '<User alice>',
    '\tAdmin = true', '\tNick = alice', '\tAltNick = alice_', '\tIdent = alice', '\tRealName = Alice',
    `\tAutoClearChanBuffer = ${clear}`, `\tAutoClearQueryBuffer = ${clear}`,
    '\tChanBufferSize = 500', '\tQueryBufferSize = 500',
    '\t<Pass password>', '\t\tMethod = SHA256', `\t\tHash = ${hash}`, `\t\tSalt = ${salt}`, '\t</Pass>',
    ...networks,
    '</User>',
    '',
  ].join('\n');
}

/** Start ZNC; resolves once a client can log in to its first network. */
export async function startZnc(options: ZncOptions): Promise<RunningZnc> {
  if (!existsSync(ZNC_BINARY)) {
    throw new Error(`${ZNC_BINARY} is missing: install ZNC with \`apt-get install -y znc\` (Debian/Ubuntu, as root).`);
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-znc-'));
  await mkdir(path.join(dir, 'configs'));
  const port = await findFreePort();
  await writeFile(path.join(dir, 'configs', 'znc.conf'), configText(port, options));
  const args = ['--foreground', '--datadir', dir, '--no-color'];
  // ZNC refuses to run as root, and with --allow-root waits 30 s first; tests run as root on
  // the CI machine, so ZNC runs as nobody there (util-linux setpriv), owning its data dir.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await chownTree(dir, NOBODY, NOBODY);
  const server = new ServerProcess(asRoot
    ? { command: 'setpriv', args: [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', ZNC_BINARY, ...args] }
    : { command: ZNC_BINARY, args });
  const login = (network: string): string => `alice/${network}:${ZNC_PASSWORD}`;
  const stop = async (): Promise<void> => {
    await server.stop(3_000);
    await rm(dir, { recursive: true, force: true });
  };
  const first = options.networks[0]?.name ?? '';
  const deadline = Date.now() + 15_000;
  let lastError = 'not tried';
  for (let attempt = 0; ; attempt++) {
    if (!server.running) {
      await stop();
      throw new Error(`znc exited before it was ready.\n${server.output}`);
    }
    try {
      const probe = await connectRawIrcClient({ port, nick: `probe${attempt}`, password: login(first), timeoutMs: 3_000 });
      await probe.close();
      break;
    } catch (error: unknown) {
      lastError = error instanceof Error ? error.message : String(error);
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`znc did not accept a login on 127.0.0.1:${port} within 15 s (${lastError}).\n${server.output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { port, login, stop };
}
