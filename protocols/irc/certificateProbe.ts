/**
 * TLS certificate facts for the user: a separate, unverified handshake that only reads the
 * server's certificate (no IRC traffic, nothing sent) so a verification failure can be
 * explained with the fingerprint the user may choose to trust.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { CertificateDetail } from '../api/index.js';

export interface ProbedCertificate {
  readonly fingerprint256: string;
  readonly subject: string;
  readonly issuer: string;
  readonly validTo?: number;
  /** Why Node's verification refuses it (e.g. DEPTH_ZERO_SELF_SIGNED_CERT), if it does. */
  readonly authorizationError?: string;
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

/** Handshake without verification and report the leaf certificate. Rejects on timeout or socket error. */
export function probeCertificate(host: string, port: number, timeoutMs = 10_000): Promise<ProbedCertificate> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host,
      port,
      rejectUnauthorized: false,
      ...(net.isIP(host) === 0 ? { servername: host } : {}),
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no TLS handshake with ${host}:${port} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const cert = socket.getPeerCertificate();
      const authorizationError = socket.authorizationError;
      socket.destroy();
      // An empty object when the server sent no certificate, whatever the types say.
      const fingerprint: unknown = cert.fingerprint256;
      if (typeof fingerprint !== 'string' || fingerprint === '') {
        reject(new Error(`${host}:${port} presented no certificate`));
        return;
      }
      const validTo = Date.parse(cert.valid_to);
      const altNames: unknown = cert.subjectaltname;
      const altName = typeof altNames === 'string' ? (altNames.split(',')[0] ?? '').trim().replace(/^[A-Za-z ]+:/, '') : '';
      resolve({
        fingerprint256: fingerprint,
        subject: firstName(cert.subject) || altName,
        issuer: firstName(cert.issuer),
        ...(Number.isFinite(validTo) ? { validTo } : {}),
        ...(socket.authorized ? {} : { authorizationError: String(authorizationError) }),
      });
    });
    socket.once('error', (error: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    });
  });
}

/** Compare fingerprints whatever their case or separators ("AB:CD", "abcd", "ab cd"). */
export function sameFingerprint(a: string, b: string): boolean {
  const normal = (text: string): string => text.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  const left = normal(a);
  return left.length === 64 && left === normal(b);
}

/** Node's TLS error codes that mean "the certificate did not verify". */
export function isCertificateErrorCode(code: string | undefined): boolean {
  if (!code) return false;
  return /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME|HOSTNAME/.test(code);
}

/** The user-facing error detail from a probe and the verification error code. */
export function certificateDetail(probe: ProbedCertificate, reason: string): CertificateDetail {
  return {
    fingerprint256: probe.fingerprint256,
    subject: probe.subject,
    issuer: probe.issuer,
    reason,
    ...(probe.validTo !== undefined ? { validTo: probe.validTo } : {}),
  };
}

/** A plain sentence for a verification failure. */
export function describeCertificateProblem(host: string, reason: string): string {
  const why: Record<string, string> = {
    DEPTH_ZERO_SELF_SIGNED_CERT: 'it is self-signed',
    SELF_SIGNED_CERT_IN_CHAIN: 'its chain ends in a self-signed certificate that is not trusted',
    CERT_HAS_EXPIRED: 'it has expired',
    CERT_NOT_YET_VALID: 'it is not valid yet',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its issuer is unknown',
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its issuer is unknown',
    ERR_TLS_CERT_ALTNAME_INVALID: `it is not made out for ${host}`,
  };
  return `The TLS certificate of ${host} could not be verified: ${why[reason] ?? reason}.`;
}
