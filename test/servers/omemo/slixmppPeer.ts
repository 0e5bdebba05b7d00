/**
 * An independent OMEMO peer for interop tests: slixmpp + slixmpp-omemo (python-omemo with
 * oldmemo, XEP-0384 v0.3) from PyPI, installed on first use into a venv under the test
 * servers' cache (as Synapse is, see ../synapse/install.ts), driven through omemo_peer.py
 * over stdin/stdout (one JSON object per line).
 *
 * ```ts
 * const peer = await startOmemoPeer({ jid: 'bob@localhost', password, port: kit.server.c2sPort, certificatePem, dataFile });
 * peer.send('alice@localhost', 'hi');
 * await peer.waitForMessage((m) => m.body === 'hello');
 * await peer.stop();
 * ```
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { run, testServersCacheDir, withLock } from '../synapse/install.js';

/** Pinned: slixmpp-omemo 2.x speaks oldmemo (v0.3) through the `oldmemo` package. */
const PACKAGES = ['slixmpp==1.17.0', 'slixmpp-omemo==2.2.0', 'oldmemo[xml]==2.1.0'] as const;
const READY_MARKER = 'switchboard-installed';
const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'omemo_peer.py');

function venvDir(): string {
  return path.join(testServersCacheDir(), 'slixmpp-omemo-venv');
}

function venvPython(): string {
  return path.join(venvDir(), 'bin', 'python');
}

/** Make sure the venv exists; returns its Python. Installs on first use (wheels only, about 20 s). */
export async function ensureOmemoPeerInstalled(): Promise<string> {
  const venv = venvDir();
  if (existsSync(path.join(venv, READY_MARKER))) return venvPython();
  const cache = testServersCacheDir();
  await mkdir(cache, { recursive: true });
  return withLock(path.join(cache, 'slixmpp-omemo-install.lock'), async () => {
    if (existsSync(path.join(venv, READY_MARKER))) return venvPython();
    const python = process.env['SWITCHBOARD_PYTHON'] ?? 'python3';
    const scratch = `${venv}.partial-${process.pid}`;
    try {
      await rm(scratch, { recursive: true, force: true });
      process.stderr.write(`[omemo-peer] installing ${PACKAGES.join(' ')} into ${venv}\n`);
      await run(python, ['-m', 'venv', scratch], 120_000);
      await run(path.join(scratch, 'bin', 'python'), ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', ...PACKAGES], 15 * 60_000);
      await writeFile(path.join(scratch, READY_MARKER), `${PACKAGES.join('\n')}\n`);
      await rm(venv, { recursive: true, force: true });
      await rename(scratch, venv);
      return venvPython();
    } catch (error: unknown) {
      await rm(scratch, { recursive: true, force: true });
      throw new Error(`Could not install slixmpp-omemo into ${venv} (needs python3 with venv and PyPI): ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}

export interface PeerMessage {
  readonly from: string;
  readonly body: string;
  readonly encrypted: boolean;
  readonly device?: number;
  /** The room it was sent to, for a room message. */
  readonly room?: string | null;
}

type PeerEvent =
  | { readonly event: 'ready'; readonly device: number }
  | ({ readonly event: 'message' } & PeerMessage)
  | { readonly event: 'sent'; readonly id?: string }
  | { readonly event: 'error' | 'warning'; readonly text: string; readonly id?: string }
  | { readonly event: 'file'; readonly from: string; readonly sha256: string }
  | { readonly event: 'bye' };

export interface OmemoPeerOptions {
  readonly jid: string;
  readonly password: string;
  readonly port: number;
  readonly certificatePem: string;
  /** The peer's OMEMO data (device, sessions); the same file again is the same device after a restart. */
  readonly dataFile: string;
}

export interface OmemoPeer {
  readonly device: number;
  readonly messages: PeerMessage[];
  /** Errors the peer reported (a failed decryption, a failed send). */
  readonly errors: string[];
  send(to: string, body: string): Promise<void>;
  /** Join a room (XEP-0045) under `nick`. */
  join(room: string, nick: string): Promise<void>;
  /** An OMEMO message to a room, encrypted for its members' devices. */
  sendToRoom(room: string, body: string): Promise<void>;
  /** XEP-0454: encrypt, upload (XEP-0363) and send an aesgcm:// link in an OMEMO message. */
  sendFile(to: string, bytes: Buffer, name: string): Promise<void>;
  /** The SHA-256 (hex) of a file shared with the peer as an aesgcm:// link, fetched and decrypted by it. */
  waitForFile(what: string, timeoutMs?: number): Promise<string>;
  waitForMessage(what: string, match: (message: PeerMessage) => boolean, timeoutMs?: number): Promise<PeerMessage>;
  stop(): Promise<void>;
}

export async function startOmemoPeer(options: OmemoPeerOptions, timeoutMs = 60_000): Promise<OmemoPeer> {
  const python = await ensureOmemoPeerInstalled();
  const caFile = `${options.dataFile}.ca.pem`;
  await writeFile(caFile, options.certificatePem);
  const child: ChildProcessWithoutNullStreams = spawn(python, [
    SCRIPT, '--jid', options.jid, '--password', options.password, '--port', String(options.port), '--ca', caFile, '--data', options.dataFile,
    ...(process.env['OMEMO_PEER_DEBUG'] ? ['--debug'] : []),
  ], { stdio: ['pipe', 'pipe', 'pipe'] });
  const events: PeerEvent[] = [];
  const listeners = new Set<() => void>();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8_000);
    if (process.env['OMEMO_PEER_DEBUG']) process.stderr.write(chunk);
  });
  let exited = false;
  child.on('exit', () => {
    exited = true;
    for (const listener of listeners) listener();
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    try {
      events.push(JSON.parse(line) as PeerEvent);
    } catch {
      return;
    }
    for (const listener of listeners) listener();
  });
  const waitFor = <T extends PeerEvent>(what: string, match: (event: PeerEvent) => event is T, ms: number): Promise<T> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const found = events.find(match);
        if (found) {
          done();
          resolve(found);
        } else if (exited) {
          done();
          reject(new Error(`the OMEMO peer exited while waiting for ${what}:\n${stderr}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${ms} ms waiting for ${what}; peer events: ${JSON.stringify(events)}\n${stderr}`));
      }, ms);
      const done = (): void => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      check();
    });
  const ready = await waitFor('the peer to be ready', (event): event is Extract<PeerEvent, { event: 'ready' }> => event.event === 'ready', timeoutMs);
  let sends = 0;
  const command = async (fields: Readonly<Record<string, string>>, label: string): Promise<void> => {
    const id = `send-${++sends}`;
    child.stdin.write(`${JSON.stringify({ ...fields, id })}\n`);
    type Outcome = Extract<PeerEvent, { event: 'sent' }> | Extract<PeerEvent, { event: 'error' | 'warning' }>;
    const outcome = await waitFor(`the peer to send ${id}`, (event): event is Outcome =>
      (event.event === 'sent' || event.event === 'error') && event.id === id, timeoutMs);
    if (outcome.event !== 'sent') throw new Error(`the OMEMO peer could not send "${label}": ${outcome.text}`);
  };
  return {
    device: ready.device,
    get messages() {
      return events.flatMap((event) => event.event === 'message' ? [event] : []);
    },
    get errors() {
      return events.flatMap((event) => event.event === 'error' ? [event.text] : []);
    },
    async sendFile(to, bytes, name) {
      await command({ cmd: 'sendfile', to, hex: bytes.toString('hex'), name }, name);
    },
    async waitForFile(what, ms = timeoutMs) {
      return (await waitFor(what, (event): event is Extract<PeerEvent, { event: 'file' }> => event.event === 'file', ms)).sha256;
    },
    async join(room, nick) {
      await command({ cmd: 'join', room, nick }, `join ${room}`);
    },
    async sendToRoom(room, body) {
      await command({ cmd: 'sendroom', room, body }, body);
    },
    async send(to, body) {
      await command({ cmd: 'send', to, body }, body);
    },
    waitForMessage(what, match, ms = timeoutMs) {
      return waitFor(what, (event): event is Extract<PeerEvent, { event: 'message' }> => event.event === 'message' && match(event), ms);
    },
    async stop() {
      if (exited) return;
      child.stdin.write(`${JSON.stringify({ cmd: 'quit' })}\n`);
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(timer);
    },
  };
}
