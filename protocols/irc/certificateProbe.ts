/**
 * TLS certificate facts for the user: a separate, unverified handshake that only reads the
 * server's certificate (no IRC traffic, nothing sent) so a verification failure can be
 * explained with the fingerprint the user may choose to trust.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { PeerCertificateFields } from '../api/index.js';
import { openTcp, type SocksProxy } from './socksProxy.js';

export interface ProbedCertificate {
  readonly fingerprint256: string;
  /** The leaf certificate as the handshake gave it, for `certificateDetailOf`. */
  readonly peer: PeerCertificateFields;
}

/**
 * Handshake without verification and report the leaf certificate. Rejects on timeout,
 * socket error or no certificate. Through the account's proxy when it has one: a probe
 * past the proxy would reveal the user's address to the server.
 */
export async function probeCertificate(host: string, port: number, timeoutMs = 10_000, proxy?: SocksProxy): Promise<ProbedCertificate> {
  const tunnel = proxy ? await openTcp({ host, port }, proxy, timeoutMs) : undefined;
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host,
      port,
      rejectUnauthorized: false,
      ...(net.isIP(host) === 0 ? { servername: host } : {}),
      ...(tunnel ? { socket: tunnel } : {}),
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no TLS handshake with ${host}:${port} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const peer: PeerCertificateFields = socket.getPeerCertificate();
      socket.destroy();
      const fingerprint = peer.fingerprint256;
      if (typeof fingerprint !== 'string' || fingerprint === '') {
        reject(new Error(`${host}:${port} presented no certificate`));
        return;
      }
      resolve({ fingerprint256: fingerprint, peer });
    });
    socket.once('error', (error: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    });
  });
}
