/**
 * Certificate checks for XMPP over TLS (RFC 7590, RFC 6125): we always handshake with
 * Node's verification result in hand (rejectUnauthorized off) and decide ourselves, so
 * that a refusal can carry the certificate's facts, and a certificate the user chose to
 * trust (by its SHA-256 fingerprint) is accepted exactly.
 */
import type { TLSSocket } from 'node:tls';
import { certificateDetailOf, describeCertificateProblem, sameFingerprint, type CertificateDetail } from '../../api/index.js';

export interface CertificateVerdict {
  readonly ok: boolean;
  /** Set when !ok. */
  readonly detail?: CertificateDetail;
  readonly message?: string;
}

/** Decide on the certificate of a socket that just finished its handshake. */
export function judgeCertificate(socket: TLSSocket, domain: string, trustedFingerprint: string | undefined): CertificateVerdict {
  const cert = socket.getPeerCertificate();
  // An empty object when the server sent no certificate, whatever the types say.
  const fingerprint: unknown = cert.fingerprint256;
  if (typeof fingerprint !== 'string' || fingerprint === '') {
    return { ok: false, message: `${domain} presented no TLS certificate.` };
  }
  if (trustedFingerprint !== undefined && sameFingerprint(trustedFingerprint, fingerprint)) return { ok: true };
  // Authorized by the CAs but the user pinned another certificate: the pin wins only when
  // it matches; a valid CA-signed certificate is still fine.
  if (socket.authorized) return { ok: true };
  const failure: unknown = socket.authorizationError;
  const reason = typeof failure === 'string' && failure !== '' ? failure : failure instanceof Error ? failure.message : 'UNKNOWN';
  const detail = certificateDetailOf(cert, reason);
  const pinNote = trustedFingerprint !== undefined ? ' It is not the certificate you chose to trust either.' : '';
  return {
    ok: false, ...(detail ? { detail } : {}),
    message: `${describeCertificateProblem(domain, reason)}${pinNote} Its SHA-256 fingerprint is ${fingerprint}.`,
  };
}
