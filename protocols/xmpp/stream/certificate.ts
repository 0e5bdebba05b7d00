/**
 * Certificate checks for XMPP over TLS (RFC 7590, RFC 6125): we always handshake with
 * Node's verification result in hand (rejectUnauthorized off) and decide ourselves, so
 * that a refusal can carry the certificate's facts, and a certificate the user chose to
 * trust (by its SHA-256 fingerprint) is accepted exactly.
 */
import type { TLSSocket } from 'node:tls';
import type { CertificateDetail } from '../../api/index.js';

export interface CertificateVerdict {
  readonly ok: boolean;
  /** Set when !ok. */
  readonly detail?: CertificateDetail;
  readonly message?: string;
}

function firstName(names: unknown): string {
  if (typeof names !== 'object' || names === null) return '';
  const record = names as Record<string, unknown>;
  const cn = record['CN'];
  if (typeof cn === 'string') return cn;
  if (Array.isArray(cn) && typeof cn[0] === 'string') return cn[0];
  const o = record['O'];
  return typeof o === 'string' ? o : '';
}

/** Compare fingerprints whatever their case or separators ("AB:CD", "abcd", "ab cd"). */
export function sameFingerprint(a: string, b: string): boolean {
  const normal = (text: string): string => text.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  const left = normal(a);
  return left.length === 64 && left === normal(b);
}

/** A plain sentence for a verification failure. */
export function describeCertificateProblem(domain: string, reason: string): string {
  const why: Record<string, string> = {
    DEPTH_ZERO_SELF_SIGNED_CERT: 'it is self-signed',
    SELF_SIGNED_CERT_IN_CHAIN: 'its chain ends in a self-signed certificate that is not trusted',
    CERT_HAS_EXPIRED: 'it has expired',
    CERT_NOT_YET_VALID: 'it is not valid yet',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its issuer is unknown',
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its issuer is unknown',
    ERR_TLS_CERT_ALTNAME_INVALID: `it is not made out for ${domain}`,
    PINNED_CERT_CHANGED: 'it is not the certificate you chose to trust',
  };
  return `The TLS certificate of ${domain} could not be verified: ${why[reason] ?? reason}.`;
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
  if (socket.authorized && trustedFingerprint === undefined) return { ok: true };
  // Authorized by the CAs but the user pinned another certificate: the pin wins only when
  // it matches; a valid CA-signed certificate is still fine.
  if (socket.authorized) return { ok: true };
  const failure: unknown = socket.authorizationError;
  const reason = typeof failure === 'string' && failure !== '' ? failure : failure instanceof Error ? failure.message : 'UNKNOWN';
  const validTo = Date.parse(cert.valid_to);
  const altNames: unknown = cert.subjectaltname;
  const altName = typeof altNames === 'string' ? (altNames.split(',')[0] ?? '').trim().replace(/^[A-Za-z ]+:/, '') : '';
  const detail: CertificateDetail = {
    fingerprint256: fingerprint,
    subject: firstName(cert.subject) || altName,
    issuer: firstName(cert.issuer),
    reason,
    ...(Number.isFinite(validTo) ? { validTo } : {}),
  };
  const pinNote = trustedFingerprint !== undefined ? ' It is not the certificate you chose to trust either.' : '';
  return { ok: false, detail, message: `${describeCertificateProblem(domain, reason)}${pinNote} Its SHA-256 fingerprint is ${fingerprint}.` };
}
