/**
 * The byte pipe under one XML stream: TCP, direct TLS (XEP-0368) or TCP upgraded by
 * STARTTLS (RFC 6120 §5), with our own certificate decision (see certificate.ts). Text is
 * decoded as UTF-8 across chunk boundaries.
 */
import { EventEmitter } from 'node:events';
import net from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import tls from 'node:tls';
import { ProtocolError, describeNetworkError } from '../../api/index.js';
import { judgeCertificate } from './certificate.js';
import { hostPort, type Endpoint } from './endpoint.js';

export interface TlsPolicy {
  /** The JID's domain: what the certificate must be made out for. */
  readonly domain: string;
  readonly trustedFingerprint?: string;
}

interface SocketEvents {
  data: [text: string];
  close: [error: Error | undefined];
}

export class XmppSocket extends EventEmitter<SocketEvents> {
  private socket: net.Socket | undefined;
  private decoder = new StringDecoder('utf8');
  private closed = false;
  secure = false;

  /** Open the TCP (or TLS) connection. Rejects with a ProtocolError (network or certificate). */
  connect(endpoint: Endpoint, policy: TlsPolicy, timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const where = hostPort(endpoint);
      let settled = false;
      const fail = (error: ProtocolError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.destroy();
        reject(error);
      };
      const timer = setTimeout(() => fail(new ProtocolError('network', `Cannot connect to ${where}: no answer within ${Math.round(timeoutMs / 1000)} s.`)), timeoutMs);
      const socket = endpoint.directTls
        ? tls.connect({
          host: endpoint.host, port: endpoint.port, servername: policy.domain, rejectUnauthorized: false,
          ALPNProtocols: ['xmpp-client'],
        })
        : net.connect({ host: endpoint.host, port: endpoint.port });
      socket.setNoDelay(true);
      const onError = (error: Error & { code?: string }): void => {
        fail(new ProtocolError('network', `Cannot connect to ${where}: ${describeNetworkError(error)}.`));
      };
      socket.once('error', onError);
      const ready = (): void => {
        if (settled) return;
        if (socket instanceof tls.TLSSocket) {
          const verdict = judgeCertificate(socket, policy.domain, policy.trustedFingerprint);
          if (!verdict.ok) {
            fail(new ProtocolError('certificate', verdict.message ?? 'The TLS certificate could not be verified.', verdict.detail ? { certificate: verdict.detail } : {}));
            return;
          }
          this.secure = true;
        }
        settled = true;
        clearTimeout(timer);
        socket.off('error', onError);
        this.attach(socket);
        resolve();
      };
      socket.once(endpoint.directTls ? 'secureConnect' : 'connect', ready);
    });
  }

  /** Upgrade the open TCP connection to TLS in place (after `<proceed/>`). */
  startTls(policy: TlsPolicy, timeoutMs: number): Promise<void> {
    const plain = this.socket;
    if (!plain || plain instanceof tls.TLSSocket) return Promise.reject(new ProtocolError('protocol', 'The connection cannot be upgraded to TLS.'));
    this.detach(plain);
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const secured = tls.connect({ socket: plain, servername: policy.domain, rejectUnauthorized: false });
      const fail = (error: ProtocolError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        secured.destroy();
        plain.destroy();
        this.closed = true;
        reject(error);
      };
      const timer = setTimeout(() => fail(new ProtocolError('network', `The TLS handshake with ${policy.domain} did not finish within ${Math.round(timeoutMs / 1000)} s.`)), timeoutMs);
      const onError = (error: Error): void => fail(new ProtocolError('network', `The TLS handshake with ${policy.domain} failed: ${error.message}.`));
      secured.once('error', onError);
      secured.once('secureConnect', () => {
        const verdict = judgeCertificate(secured, policy.domain, policy.trustedFingerprint);
        if (!verdict.ok) {
          fail(new ProtocolError('certificate', verdict.message ?? 'The TLS certificate could not be verified.', verdict.detail ? { certificate: verdict.detail } : {}));
          return;
        }
        settled = true;
        clearTimeout(timer);
        secured.off('error', onError);
        this.secure = true;
        this.decoder = new StringDecoder('utf8');
        this.attach(secured);
        resolve();
      });
    });
  }

  private readonly onData = (chunk: Buffer): void => {
    const text = this.decoder.write(chunk);
    if (text) this.emit('data', text);
  };

  private readonly onClose = (): void => this.finish(undefined);

  private readonly onError = (error: Error): void => this.finish(error);

  private attach(socket: net.Socket): void {
    this.socket = socket;
    socket.on('data', this.onData);
    socket.on('close', this.onClose);
    socket.on('error', this.onError);
  }

  private detach(socket: net.Socket): void {
    socket.off('data', this.onData);
    socket.off('close', this.onClose);
    socket.off('error', this.onError);
  }

  private finish(error: Error | undefined): void {
    if (this.closed) return;
    this.closed = true;
    const socket = this.socket;
    if (socket) {
      this.detach(socket);
      socket.destroy();
    }
    this.emit('close', error);
  }

  get isOpen(): boolean {
    return !this.closed && this.socket !== undefined && !this.socket.destroyed;
  }

  /** Write text; resolves once handed to the OS. */
  write(text: string): Promise<void> {
    const socket = this.socket;
    if (!socket || this.closed) return Promise.reject(new ProtocolError('network', 'The connection to the server is closed.'));
    return new Promise<void>((resolve, reject) => {
      socket.write(text, 'utf8', (error) => {
        if (error) reject(new ProtocolError('network', `Writing to the server failed: ${error.message}.`));
        else resolve();
      });
    });
  }

  /** Close gracefully after pending writes; destroy after `graceMs`. */
  end(graceMs = 2_000): Promise<void> {
    const socket = this.socket;
    if (!socket || this.closed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.destroy(), graceMs);
      this.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.end();
    });
  }

  /** Drop the connection now (also used to simulate a network drop in tests). */
  destroy(): void {
    this.finish(undefined);
  }
}
