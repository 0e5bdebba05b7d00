/**
 * The bytes of a DCC SEND (https://modern.ircdocs.horse/dcc#dcc-send): the sender writes the
 * file, the receiver answers each chunk with the total received so far as a 4-byte
 * big-endian number (modulo 2^32 for files over 4 GiB). A transfer ends when the receiver
 * has the whole size; one without a size ends when the sender closes.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import net from 'node:net';
import { ProtocolError } from '../../api/index.js';

/** How long a connection may stay silent, and how long an offer waits for the other side. */
export const DCC_IDLE_MS = 60_000;
export const DCC_OFFER_WAIT_MS = 5 * 60_000;

function cancelled(): ProtocolError {
  return new ProtocolError('network', 'The transfer was cancelled.');
}

export function ackBytes(total: number): Buffer {
  const ack = Buffer.alloc(4);
  ack.writeUInt32BE(total % 0x1_0000_0000);
  return ack;
}

/** A TCP connection to `host:port`, or a failure in words. */
export async function dial(host: string, port: number, signal: AbortSignal): Promise<net.Socket> {
  const socket = net.connect({ host, port });
  const abort = (): void => { socket.destroy(); };
  signal.addEventListener('abort', abort, { once: true });
  try {
    await Promise.race([once(socket, 'connect'), new Promise((_resolve, reject) => {
      socket.setTimeout(DCC_IDLE_MS, () => { reject(new ProtocolError('network', `${host} port ${port} did not answer.`)); });
    })]);
    socket.setTimeout(0);
    return socket;
  } catch (error: unknown) {
    socket.destroy();
    if (signal.aborted) throw cancelled();
    throw error instanceof ProtocolError ? error : new ProtocolError('network', `Could not connect to ${host} port ${port} (${(error as Error).message}).`);
  } finally {
    signal.removeEventListener('abort', abort);
  }
}

/** A server on the first free port of `ports` (any port when undefined). */
export async function listen(host: string, ports: { readonly from: number; readonly to: number } | undefined): Promise<net.Server> {
  const candidates = ports ? Array.from({ length: ports.to - ports.from + 1 }, (_value, i) => ports.from + i) : [0];
  for (const port of candidates) {
    const server = net.createServer();
    try {
      server.listen(port, host);
      await once(server, 'listening');
      return server;
    } catch {
      server.close();
    }
  }
  throw new ProtocolError('network', `No free port for DCC in ${ports ? `${ports.from}-${ports.to}` : 'this computer'}.`);
}

/** The first connection to `server` within `timeoutMs`; the server is closed either way. */
export async function acceptOne(server: net.Server, timeoutMs: number, signal: AbortSignal, what: string): Promise<net.Socket> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let abort: (() => void) | undefined;
  try {
    return await new Promise<net.Socket>((resolve, reject) => {
      server.once('connection', resolve);
      timer = setTimeout(() => { reject(new ProtocolError('network', `${what} did not connect within ${Math.round(timeoutMs / 1000)} s.`)); }, timeoutMs);
      abort = () => { reject(cancelled()); };
      signal.addEventListener('abort', abort, { once: true });
    });
  } finally {
    clearTimeout(timer);
    if (abort) signal.removeEventListener('abort', abort);
    server.close();
  }
}

export interface ReceiveOptions {
  readonly path: string;
  /** Bytes already in `path` (a resumed transfer); the acks count them too. */
  readonly offset: number;
  readonly size: number | undefined;
  readonly maxBytes: number;
  readonly onProgress: (received: number) => void;
  readonly signal: AbortSignal;
}

/** Receives into `path` (appending after `offset`), acknowledging as it goes; the total on success. */
export async function receive(socket: net.Socket, options: ReceiveOptions): Promise<number> {
  const file = createWriteStream(options.path, { flags: options.offset > 0 ? 'a' : 'w' });
  let total = options.offset;
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (error: Error): void => { socket.destroy(); reject(error); };
      socket.setTimeout(DCC_IDLE_MS, () => { fail(new ProtocolError('network', `The sender went silent after ${total} bytes.`)); });
      options.signal.addEventListener('abort', () => { fail(cancelled()); }, { once: true });
      file.on('error', fail);
      socket.on('error', (error) => { fail(new ProtocolError('network', `The transfer broke off after ${total} bytes (${error.message}).`)); });
      socket.on('data', (chunk: Buffer) => {
        const limit = Math.min(options.maxBytes, options.size ?? Infinity);
        if (total + chunk.length > limit) {
          fail(new ProtocolError('protocol', options.size !== undefined && total + chunk.length > options.size
            ? 'The sender sent more than the size it announced.'
            : `The file is bigger than the ${Math.round(options.maxBytes / (1024 * 1024))} MB limit.`));
          return;
        }
        total += chunk.length;
        if (!file.write(chunk)) {
          socket.pause();
          file.once('drain', () => socket.resume());
        }
        socket.write(ackBytes(total));
        options.onProgress(total);
        if (total === options.size) {
          socket.end();
          resolve();
        }
      });
      socket.on('close', () => {
        if (options.size === undefined) resolve();
        else fail(new ProtocolError('network', `The sender stopped after ${total} of ${options.size} bytes.`));
      });
    });
  } finally {
    file.end();
    await once(file, 'close').catch(() => undefined);
    socket.destroy();
  }
  return total;
}

export interface SendOptions {
  readonly path: string;
  readonly offset: number;
  readonly size: number;
  readonly onProgress: (sent: number) => void;
  readonly signal: AbortSignal;
}

/** Streams `path` from `offset` and waits until the receiver has acknowledged it all (or closed after it all). */
export async function send(socket: net.Socket, options: SendOptions): Promise<void> {
  const expected = options.size % 0x1_0000_0000;
  let sent = options.offset;
  let acks = Buffer.alloc(0);
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (error: Error): void => { socket.destroy(); reject(error); };
      socket.setTimeout(DCC_IDLE_MS, () => { fail(new ProtocolError('network', `The receiver went silent after ${sent} bytes.`)); });
      options.signal.addEventListener('abort', () => { fail(cancelled()); }, { once: true });
      socket.on('error', (error) => { fail(new ProtocolError('network', `The transfer broke off after ${sent} bytes (${error.message}).`)); });
      socket.on('data', (chunk: Buffer) => {
        acks = Buffer.concat([acks, chunk]);
        while (acks.length >= 4) {
          const acked = acks.readUInt32BE(0);
          acks = acks.subarray(4);
          if (sent === options.size && acked === expected) resolve();
        }
      });
      socket.on('close', () => {
        if (sent === options.size) resolve();
        else fail(new ProtocolError('network', `The receiver closed the connection after ${sent} of ${options.size} bytes.`));
      });
      if (options.offset >= options.size) { sent = options.size; return; }
      const file = createReadStream(options.path, { start: options.offset });
      file.on('error', fail);
      file.on('data', (chunk) => {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        sent += bytes.length;
        options.onProgress(sent);
        if (!socket.write(bytes)) {
          file.pause();
          socket.once('drain', () => file.resume());
        }
      });
    });
  } finally {
    socket.end();
    setTimeout(() => socket.destroy(), 2_000).unref();
  }
}
