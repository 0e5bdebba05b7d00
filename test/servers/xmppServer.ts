/**
 * What every throw-away XMPP server for tests offers (Prosody in ./prosody.ts, ejabberd in
 * ./ejabberd.ts), and the pieces they share: a self-signed certificate for `localhost` and
 * its components, and "ready" meaning a real XMPP stream answers with features.
 */
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { findFreePort } from './serverProcess.js';

/** The XMPP servers the integration tests run against. */
export type XmppServerKind = 'prosody' | 'ejabberd';

export interface RunningXmppServer {
  readonly kind: XmppServerKind;
  readonly host: '127.0.0.1';
  /** Client port: STARTTLS (required). */
  readonly c2sPort: number;
  /** Client port with direct TLS (XEP-0368). */
  readonly directTlsPort: number;
  readonly domain: 'localhost';
  /** The MUC service, e.g. `conference.localhost`. */
  readonly mucDomain: string;
  /** The XEP-0363 upload service's JID. */
  readonly uploadDomain: string;
  /** Where uploaded files are served (http://127.0.0.1:PORT/…). */
  readonly uploadUrl: string;
  readonly uploadSizeLimit: number;
  /** The self-signed certificate's SHA-256 fingerprint, colon-separated upper-case hex. */
  readonly certificateFingerprint256: string;
  /** PEM of the certificate, for a test client that wants to trust it as a CA. */
  readonly certificatePem: string;
  /** Create an account `user@localhost`. */
  register(user: string, password: string): Promise<void>;
  /** Delete an account. */
  unregister(user: string): Promise<void>;
  /** The last lines of the server's log. */
  log(): Promise<string>;
  /** Stop the server and remove its temp dir. */
  stop(): Promise<void>;
  /** Send a signal to the running server (SIGKILL to crash it, SIGSTOP/SIGCONT to freeze it). */
  signal(signal: NodeJS.Signals): void;
  /** Start it again after it was killed: same ports, config and data. Resolves once ready. */
  restart(): Promise<void>;
}

/** Options both servers understand. */
export interface XmppServerOptions {
  /** XEP-0363 upload limit in bytes (default 1 MiB). */
  readonly uploadSizeLimit?: number;
  /**
   * New rooms stay locked until their owner accepts or submits a configuration (XEP-0045
   * §10.1.1), as Prosody does by default (default here: open at once). ejabberd ignores it.
   */
  readonly mucRoomLocking?: boolean;
}

export function runCommand(command: string, args: readonly string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, [...args], { timeout: timeoutMs }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

export interface TestCertificate {
  readonly certFile: string;
  readonly keyFile: string;
  readonly fingerprint256: string;
  readonly pem: string;
}

/** A self-signed certificate for CN=localhost (and the MUC and upload components) in `certDir`. */
export async function makeXmppCertificate(certDir: string): Promise<TestCertificate> {
  const certFile = path.join(certDir, 'localhost.crt');
  const keyFile = path.join(certDir, 'localhost.key');
  await runCommand('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost,DNS:conference.localhost,DNS:upload.localhost',
    '-days', '2', '-keyout', keyFile, '-out', certFile,
  ], 30_000);
  const pem = await readFile(certFile, 'utf8');
  return { certFile, keyFile, fingerprint256: new X509Certificate(pem).fingerprint256, pem };
}

export async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await findFreePort());
  return [...ports];
}

/** Open a plain stream to the c2s port and resolve once `<stream:features>` arrives. */
function probeStream(port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no stream features within ${timeoutMs} ms (got ${JSON.stringify(received.slice(0, 200))})`));
    }, timeoutMs);
    socket.on('connect', () => {
      socket.write("<?xml version='1.0'?><stream:stream to='localhost' version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>");
    });
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('utf8');
      if (/<(stream:)?features[\s>]/.test(received)) {
        clearTimeout(timer);
        socket.end('</stream:stream>');
        socket.destroy();
        resolve();
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    });
  });
}

export interface ReadyCheck {
  /** The server's name in error messages. */
  readonly name: string;
  readonly port: number;
  /** A reason the server cannot become ready (it exited, its log says it failed), if any. */
  failed(): Promise<string | undefined>;
  /** What to show when it fails: its output and log. */
  output(): Promise<string>;
  readonly timeoutMs: number;
}

/** Resolves once a real XMPP stream on `port` offers features; rejects with the server's output otherwise. */
export async function waitForXmppStream(check: ReadyCheck): Promise<void> {
  const deadline = Date.now() + check.timeoutMs;
  let lastError = 'not tried';
  while (Date.now() < deadline) {
    const failure = await check.failed();
    if (failure !== undefined) throw new Error(`${check.name} ${failure} before it was ready.\n${await check.output()}`);
    try {
      await probeStream(check.port, Math.max(500, Math.min(3_000, deadline - Date.now())));
      return;
    } catch (error: unknown) {
      lastError = error instanceof Error ? error.message : String(error);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`${check.name} did not answer an XMPP stream on 127.0.0.1:${check.port} within ${check.timeoutMs} ms (${lastError}).\n${await check.output()}`);
}
