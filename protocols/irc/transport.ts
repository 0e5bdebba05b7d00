/**
 * The socket under irc-framework (its `transport` option), so that the adapter owns the
 * bytes: lines are decoded one by one (decode.ts), written as UTF-8, Nagle is off, a
 * client certificate can be presented (SASL EXTERNAL, IRCv3 sasl-3.1), and a line that
 * never ends cannot grow the buffer without bound.
 */
import { EventEmitter } from 'node:events';
import net from 'node:net';
import tls from 'node:tls';
import { decodeLine, fallbackDecoder, windows1252, type LineDecoder } from './decode.js';
import { openTcp, type SocksProxy } from './socksProxy.js';

/** Longest line kept: 8191 bytes of tags + 512 of message (IRCv3 message-tags), with slack. */
export const MAX_INCOMING_LINE_BYTES = 16 * 1024;

export interface TransportOptions {
  host: string;
  port: number;
  tls?: boolean;
  rejectUnauthorized?: boolean;
  ping_interval?: number;
  ping_timeout?: number;
  /** Ours: the encoding for lines that are not UTF-8. */
  fallback_encoding?: string;
  /** Ours: PEM certificate and key presented to the server. */
  client_pem?: { cert: string; key: string };
  /** Ours: connect through this SOCKS5 proxy. */
  proxy?: SocksProxy;
}

/** How long the proxy may take to reach the server (Tor circuits can be slow). */
const PROXY_TIMEOUT_MS = 60_000;

/** Splits a byte stream into lines and decodes them; exported for the fuzz test. */
export class LineReader {
  private buffer: Buffer = Buffer.alloc(0);
  private readonly decoder: LineDecoder;
  dropped = 0;

  constructor(fallbackEncoding: string, private readonly onLine: (line: string) => void) {
    this.decoder = fallbackDecoder(fallbackEncoding) ?? windows1252;
  }

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    let start = 0;
    for (let end = this.buffer.indexOf(0x0a, start); end >= 0; end = this.buffer.indexOf(0x0a, start)) {
      let stop = end;
      if (stop > start && this.buffer[stop - 1] === 0x0d) stop--;
      if (stop - start > MAX_INCOMING_LINE_BYTES) this.dropped++;
      else if (stop > start) this.onLine(decodeLine(this.buffer.subarray(start, stop), this.decoder));
      start = end + 1;
    }
    this.buffer = this.buffer.subarray(start);
    if (this.buffer.length > MAX_INCOMING_LINE_BYTES) {
      // A line that never ends: drop what we have and resynchronise at the next LF.
      this.dropped++;
      this.buffer = Buffer.alloc(0);
    }
  }
}

export class IrcTransport extends EventEmitter {
  private socket: net.Socket | undefined;
  private connected = false;
  /** Closed while a proxy was still reaching the server: the tunnel is dropped when it comes. */
  private closing = false;

  constructor(private readonly options: TransportOptions) {
    super();
  }

  isConnected(): boolean {
    return this.connected;
  }

  connect(): void {
    const o = this.options;
    if (!o.proxy) {
      this.attach(o.tls ? tls.connect(this.tlsOptions()) : net.connect({ host: o.host, port: o.port }), false);
      return;
    }
    this.closing = false;
    openTcp({ host: o.host, port: o.port }, o.proxy, PROXY_TIMEOUT_MS).then((tunnel) => {
      if (this.closing) {
        tunnel.destroy();
        return;
      }
      this.attach(o.tls ? tls.connect({ ...this.tlsOptions(), socket: tunnel }) : tunnel, true);
    }, (error: unknown) => {
      // As a socket error would: irc-framework reports the close, the login says why.
      this.emit('close', error instanceof Error ? error : new Error(String(error)));
    });
  }

  private tlsOptions(): tls.ConnectionOptions {
    const o = this.options;
    const servername = net.isIP(o.host) === 0 ? o.host : undefined;
    return {
      host: o.host, port: o.port, rejectUnauthorized: o.rejectUnauthorized ?? true,
      ...(servername ? { servername } : {}),
      ...(o.client_pem ? { cert: o.client_pem.cert, key: o.client_pem.key } : {}),
    };
  }

  /** Wires a socket; `alreadyConnected` for a proxy tunnel, whose TCP 'connect' is past. */
  private attach(socket: net.Socket, alreadyConnected: boolean): void {
    const o = this.options;
    this.socket = socket;
    const reader = new LineReader(o.fallback_encoding ?? 'latin1', (line) => this.emit('line', line));
    socket.setNoDelay(true);
    if ((o.ping_interval ?? 0) > 0 && (o.ping_timeout ?? 0) > 0) socket.setTimeout(((o.ping_interval ?? 0) + (o.ping_timeout ?? 0)) * 1000);
    let lastError: Error | undefined;
    const opened = (): void => {
      this.connected = true;
      this.emit('extra', 'raw socket connected', socket);
      if (!o.tls) this.emit('open');
    };
    if (alreadyConnected) process.nextTick(opened);
    else socket.once('connect', opened);
    if (o.tls) socket.once('secureConnect', () => this.emit('open'));
    socket.on('data', (chunk: Buffer) => reader.push(chunk));
    socket.on('error', (error) => {
      lastError = error;
    });
    socket.on('timeout', () => socket.destroy());
    socket.once('close', () => {
      this.connected = false;
      this.emit('close', lastError ?? false);
    });
  }

  writeLine(line: string, callback?: () => void): void {
    if (this.socket && this.connected && !this.socket.destroyed) {
      this.socket.write(`${line}\r\n`, 'utf8', () => callback?.());
    } else if (callback) {
      process.nextTick(callback);
    }
  }

  /** irc-framework asks for an encoding; ours is fixed (UTF-8 out, UTF-8 or fallback in). */
  setEncoding(): boolean {
    return true;
  }

  disposeSocket(): void {
    this.closing = true;
    this.socket?.destroy();
    this.socket?.removeAllListeners('data');
  }

  close(force?: boolean): void {
    this.closing = true;
    if (!this.socket) return;
    if (force) this.socket.destroy();
    else this.socket.end();
  }
}
