/**
 * The byte pipe and XML framing under one stream, from xmpp.js (@xmpp/client 0.14): its
 * client-core `Client` with the TCP (`xmpp://`) and direct TLS (`xmpps://`, XEP-0368)
 * transports opens, restarts and parses the stream (RFC 6120 §4). What it cannot do is
 * added through its extension points, not patched:
 * - certificates: the TLS socket class is ours (a subclass of @xmpp/tls's), handshaking with
 *   `rejectUnauthorized: false` and deciding itself (certificate.ts), so that a refusal
 *   carries the certificate's facts to the TrustCertificateDialog and a certificate the user
 *   chose to trust is accepted exactly. @xmpp/tls and @xmpp/starttls only pass `host` to
 *   `tls.connect`: an untrusted certificate would be a bare "self-signed certificate" error.
 * - reading: `_onData` decodes UTF-8 across chunk boundaries (upstream decodes each chunk on
 *   its own, which garbles a character split by TCP) and bounds a stanza's size (upstream
 *   buffers without limit); the parser copies what it reads out of the socket's text
 *   (ownedParser.ts), so that an id kept does not keep the whole read alive.
 */
import { StringDecoder } from 'node:string_decoder';
import type { ConnectionOptions } from 'node:tls';
import { Client } from '@xmpp/client-core';
import TcpSocket from '@xmpp/connection-tcp/Socket.js';
import ConnectionTCP from '@xmpp/tcp/lib/Connection.js';
import ConnectionTLS from '@xmpp/tls/lib/Connection.js';
import TlsSocket from '@xmpp/tls/lib/Socket.js';
import { ProtocolError } from '../../api/index.js';
import { judgeCertificate } from './certificate.js';
import { hostPort, type Endpoint } from './endpoint.js';
import { OwnedStringsParser } from './ownedParser.js';

export interface TlsPolicy {
  /** The JID's domain: what the certificate must be made out for. */
  readonly domain: string;
  readonly trustedFingerprint?: string;
}

/** A single stanza larger than this closes the stream (servers allow far less: Prosody 256 KiB, ejabberd 64 KiB by default). */
export const MAX_STANZA_CHARS = 2 * 1024 * 1024;

interface PinnedOptions extends ConnectionOptions {
  readonly policy: TlsPolicy;
  /** net.Socket's connect option (Nagle off: stanzas are small and interactive). */
  readonly noDelay?: boolean;
}

/**
 * @xmpp/tls's socket, with our certificate decision between the handshake and the
 * `connect` it reports: a refused certificate becomes an `error` (a ProtocolError of kind
 * `certificate`) instead.
 */
export class PinnedTlsSocket extends TlsSocket {
  private policy: TlsPolicy | undefined;

  override connect(options: ConnectionOptions): void {
    const { policy, ...rest } = options as PinnedOptions;
    this.policy = policy;
    super.connect({ ...rest, servername: policy.domain, rejectUnauthorized: false });
  }

  override emit(event: string | symbol, ...args: unknown[]): boolean {
    const socket = this.socket;
    const policy = this.policy;
    if (event === 'connect' && socket && policy) {
      const verdict = judgeCertificate(socket, policy.domain, policy.trustedFingerprint);
      if (!verdict.ok) {
        socket.destroy();
        return super.emit('error', new ProtocolError('certificate', verdict.message ?? 'The TLS certificate could not be verified.', verdict.detail ? { certificate: verdict.detail } : {}));
      }
    }
    return super.emit(event, ...args);
  }

  destroy(): void {
    this.socket?.destroy();
  }
}

class TcpTransport extends ConnectionTCP {}
TcpTransport.prototype.Socket = TcpSocket;
TcpTransport.prototype.Parser = OwnedStringsParser;

class TlsTransport extends ConnectionTLS {}
TlsTransport.prototype.Socket = PinnedTlsSocket;
TlsTransport.prototype.Parser = OwnedStringsParser;

/** What the stream connection wants to hear about while reading. */
export interface ReadGuard {
  /** More than MAX_STANZA_CHARS arrived without completing an element. */
  tooLarge(): void;
  /** The parser threw (an unknown entity, say). */
  malformed(error: Error): void;
}

/** @xmpp/connection's underscore methods we call (present in 0.14, not in its types). */
interface UpstreamInternals {
  _attachSocket(socket: unknown): void;
  _detachSocket(): void;
}

/** One client entity per TCP connection (a resumption opens a new one). */
export class StreamEntity extends Client {
  private decoder = new StringDecoder('utf8');
  /** Characters received since the last complete element. */
  private pendingChars = 0;

  constructor(domain: string, timeoutMs: number, private readonly endpoint: Endpoint, private readonly policy: TlsPolicy, private readonly guard: ReadGuard) {
    super({ domain, timeout: timeoutMs });
    this.transports.push(TcpTransport, TlsTransport);
    this.on('element', () => {
      this.pendingChars = 0;
      // Whitespace keep-alives between stanzas would pile up as text of the parser's root.
      const root = this.parser?.root;
      if (root) root.children.length = 0;
    });
  }

  /** The service URI that picks the transport (xmpp.js chooses it by scheme). */
  get service(): string {
    return `${this.endpoint.directTls ? 'xmpps' : 'xmpp'}://${hostPort(this.endpoint)}`;
  }

  /** Our parameters, not upstream's URI parsing (which keeps IPv6 brackets but for ::1). */
  override socketParameters(): unknown {
    const { host, port } = this.endpoint;
    if (!this.endpoint.directTls) return { host, port, noDelay: true };
    return { host, port, noDelay: true, ALPNProtocols: ['xmpp-client'], policy: this.policy } satisfies PinnedOptions;
  }

  /** After STARTTLS the bytes come through a new decoder (RFC 6120 §5.4.3.3: the old stream is gone). */
  resetDecoder(): void {
    this.decoder = new StringDecoder('utf8');
    this.pendingChars = 0;
  }

  /** Replaces upstream's per-chunk `toString`, see the file comment. */
  _onData(data: Buffer): void {
    const parser = this.parser;
    if (!parser) return;
    const text = this.decoder.write(data);
    if (!text) return;
    this.pendingChars += text.length;
    if (this.pendingChars > MAX_STANZA_CHARS) {
      this.guard.tooLarge();
      return;
    }
    try {
      parser.write(text);
    } catch (error: unknown) {
      this.guard.malformed(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /**
   * RFC 6120 §4.9.3.19 see-other-host: upstream reconnects to the named host by itself; we
   * report it (streamErrors.ts) and connect only where the user's settings or DNS say.
   */
  _onSeeOtherHost(): void {
    // The stream error reaches the session as an element; nothing to follow here.
  }

  /** Drop the TCP connection at once (network loss, a fault, a refused certificate). */
  destroySocket(): void {
    const socket = this.socket as unknown as { destroy?: () => void } | null;
    socket?.destroy?.();
  }

  /**
   * RFC 6120 §5.4.3.3: after `<proceed/>`, TLS over the same TCP connection, through the same
   * certificate decision as direct TLS (upstream's @xmpp/starttls would verify against the
   * CAs only, without the certificate's facts).
   */
  async upgradeToTls(timeoutMs: number): Promise<void> {
    const plain = this.socket;
    if (!(plain instanceof TcpSocket)) throw new ProtocolError('protocol', 'The connection cannot be upgraded to TLS.');
    (this as unknown as UpstreamInternals)._detachSocket();
    const secured = new PinnedTlsSocket();
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        timer = setTimeout(() => reject(new ProtocolError('network', `The TLS handshake with ${this.policy.domain} did not finish within ${Math.round(timeoutMs / 1000)} s.`)), timeoutMs);
        secured.once('connect', () => resolve());
        secured.once('error', (error: unknown) => reject(error instanceof ProtocolError ? error
          : new ProtocolError('network', `The TLS handshake with ${this.policy.domain} failed: ${error instanceof Error ? error.message : String(error)}.`)));
        const options: PinnedOptions = { socket: plain, policy: this.policy };
        secured.connect(options);
      });
    } catch (error: unknown) {
      secured.destroy();
      plain.destroy();
      throw error;
    } finally {
      clearTimeout(timer);
    }
    this.resetDecoder();
    (this as unknown as UpstreamInternals)._attachSocket(secured);
  }
}
