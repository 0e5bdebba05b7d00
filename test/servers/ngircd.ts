/**
 * Start a throw-away ngIRCd (Debian `ngircd`) on 127.0.0.1 for tests: its own temp dir,
 * free ports, no flood penalties, optional server password and TLS listener with a
 * freshly generated self-signed certificate.
 */
import { execFile, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { connect as tlsConnect } from 'node:tls';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { connectRawIrcClient } from './rawIrcClient.js';
import { findFreePort, ServerProcess } from './serverProcess.js';

export { connectRawIrcClient, type RawIrcClient, type RawIrcClientOptions } from './rawIrcClient.js';

export const NGIRCD_BINARY = '/usr/sbin/ngircd';

export interface NgircdOptions {
  /** Global server password (PASS) every client must give. */
  readonly password?: string;
  /** Also listen with TLS on `tlsPort`, with a self-signed certificate for CN=127.0.0.1. */
  readonly tls?: boolean;
}

export interface RunningIrcServer {
  readonly host: '127.0.0.1';
  /** Plain-text port. */
  readonly port: number;
  /** TLS port, when started with `tls: true`. */
  readonly tlsPort?: number;
  /** The self-signed certificate's SHA-256 fingerprint, colon-separated upper-case hex. */
  readonly certificateFingerprint256?: string;
  /** Stop the server and remove its temp dir. */
  stop(): Promise<void>;
  /** Send a signal to the running server (SIGKILL to crash it, SIGSTOP/SIGCONT to freeze it). */
  signal(signal: NodeJS.Signals): void;
  /** Start the server again, same ports and config, after it was killed; resolves when it accepts registrations. */
  restart(): Promise<void>;
}


/** Run a program to completion; rejects with its stderr. */
export function run(command: string, args: readonly string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, [...args], { timeout: timeoutMs }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed: ${error.message}\n${stderr}`));
      else resolve();
    });
  });
}

/** A self-signed certificate for CN=127.0.0.1 in `dir` (openssl), with its SHA-256 fingerprint. */
export async function makeCertificate(dir: string): Promise<{ certFile: string; keyFile: string; fingerprint256: string }> {
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  await run('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1',
    '-days', '2', '-keyout', keyFile, '-out', certFile,
  ], 30_000);
  const fingerprint256 = new X509Certificate(await readFile(certFile)).fingerprint256;
  return { certFile, keyFile, fingerprint256 };
}

function configText(options: {
  dir: string; port: number; password?: string; tls?: { port: number; certFile: string; keyFile: string };
}): string {
  const uid = process.getuid?.() ?? 65534;
  const gid = process.getgid?.() ?? 65534;
  const lines = [
    '[Global]',
    '\tName = irc.test.local',
    '\tInfo = Switchboard test server',
    '\tListen = 127.0.0.1',
    `\tPorts = ${options.port}`,
    `\tMotdFile = ${path.join(options.dir, 'motd')}`,
    `\tPidFile = ${path.join(options.dir, 'ngircd.pid')}`,
    `\tServerUID = ${uid}`,
    `\tServerGID = ${gid}`,
    ...(options.password !== undefined ? [`\tPassword = ${options.password}`] : []),
    '[Limits]',
    '\tMaxConnections = 0',
    '\tMaxConnectionsIP = 0',
    '\tMaxJoins = 0',
    '\tMaxNickLength = 30',
    '\tMaxPenaltyTime = 0',
    '\tPingTimeout = 120',
    '\tPongTimeout = 20',
    '[Options]',
    '\tDNS = no',
    '\tIdent = no',
    '\tPAM = no',
    `\tIncludeDir = ${path.join(options.dir, 'conf.d')}`,
    '\tOperCanUseMode = yes',
  ];
  if (options.tls) {
    lines.push('[SSL]', `\tCertFile = ${options.tls.certFile}`, `\tKeyFile = ${options.tls.keyFile}`, `\tPorts = ${options.tls.port}`);
  }
  return `${lines.join('\n')}\n`;
}

async function waitUntilRegistrationWorks(port: number, password: string | undefined, child: ChildProcess, stderr: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'not tried';
  let attempt = 0;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`ngircd exited with code ${child.exitCode} before it was ready.\nstderr:\n${stderr()}`);
    }
    try {
      const client = await connectRawIrcClient({
        port, nick: `probe${attempt++}`, timeoutMs: Math.max(500, Math.min(3_000, deadline - Date.now())),
        ...(password !== undefined ? { password } : {}),
      });
      await client.close();
      return;
    } catch (error: unknown) {
      lastError = error instanceof Error ? error.message : String(error);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`ngircd did not accept an IRC registration on 127.0.0.1:${port} within ${timeoutMs} ms (${lastError}).\nstderr:\n${stderr()}`);
}

/**
 * Whether the TLS port is this ngIRCd's: a handshake there shows the certificate made for it.
 * ngIRCd logs a listener it cannot bind and serves its other ports, so a registration on the
 * plain port does not prove the TLS one.
 */
async function checkTlsListener(port: number, fingerprint256: string, stderr: () => string): Promise<void> {
  const seen = await new Promise<string>((resolve) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, rejectUnauthorized: false, timeout: 5_000 }, () => {
      resolve(socket.getPeerCertificate().fingerprint256);
      socket.destroy();
    });
    socket.once('timeout', () => { socket.destroy(); resolve('no TLS handshake within 5 s'); });
    socket.once('error', (error: Error) => resolve(error.message));
  });
  if (seen !== fingerprint256) {
    throw new Error(`ngircd's TLS port 127.0.0.1:${port} does not show its certificate (${seen}).\nstderr:\n${stderr()}`);
  }
}

/** Start ngIRCd; resolves once a real IRC registration on its plain port succeeds and its TLS port shows its certificate. */
export async function startNgircd(options: NgircdOptions = {}, attempt = 1): Promise<RunningIrcServer> {
  if (!existsSync(NGIRCD_BINARY)) {
    throw new Error(`${NGIRCD_BINARY} is missing: install ngIRCd with \`apt-get install -y ngircd\` (Debian/Ubuntu, as root).`);
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-ngircd-'));
  await chmod(dir, 0o755);
  const port = await findFreePort();
  let tls: { port: number; certFile: string; keyFile: string; fingerprint256: string } | undefined;
  if (options.tls) {
    const cert = await makeCertificate(dir);
    tls = { port: await findFreePort(), ...cert };
  }
  await writeFile(path.join(dir, 'motd'), 'Switchboard test server\n');
  const configFile = path.join(dir, 'ngircd.conf');
  await writeFile(configFile, configText({
    dir, port,
    ...(options.password !== undefined ? { password: options.password } : {}),
    ...(tls ? { tls } : {}),
  }));

  const server = new ServerProcess({ command: NGIRCD_BINARY, args: ['--nodaemon', '--config', configFile] });
  const stop = async (): Promise<void> => {
    await server.stop(3_000);
    await rm(dir, { recursive: true, force: true });
  };

  const ready = async (): Promise<void> => {
    await waitUntilRegistrationWorks(port, options.password, server.child, () => server.output, 10_000);
    if (tls) await checkTlsListener(tls.port, tls.fingerprint256, () => server.output);
  };
  try {
    await ready();
  } catch (error: unknown) {
    await stop();
    // findFreePort's ports are reserved among the tests, but any other program may bind one first.
    if (attempt < 3 && server.output.includes('Can\'t bind socket')) return startNgircd(options, attempt + 1);
    throw error;
  }
  return {
    host: '127.0.0.1',
    port,
    ...(tls ? { tlsPort: tls.port, certificateFingerprint256: tls.fingerprint256 } : {}),
    stop,
    signal: (signal) => server.signal(signal),
    restart: async () => {
      await server.relaunch();
      await ready();
    },
  };
}
