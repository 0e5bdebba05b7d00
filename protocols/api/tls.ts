/**
 * Helpers for plugins that open their own sockets: the same words and the same
 * certificate facts on every network, so that a refused certificate reads alike whichever
 * plugin met it, and a pinned fingerprint compares alike whatever its spelling.
 * Pure functions over plain values: no Node import, so the renderer may type-check
 * against this module too.
 */
import type { CertificateDetail } from './errors.js';

/**
 * The fields of Node's `tls.PeerCertificate` that are read here, loosely typed on purpose:
 * Node gives `{}` when the server sent no certificate, whatever its types say.
 */
export interface PeerCertificateFields {
  readonly fingerprint256?: unknown;
  readonly subject?: unknown;
  readonly issuer?: unknown;
  readonly valid_to?: unknown;
  readonly subjectaltname?: unknown;
}

/** A distinguished name's common name, else its organization, else ''. */
function displayName(names: unknown): string {
  if (typeof names !== 'object' || names === null) return '';
  const record = names as Record<string, unknown>;
  const cn = record['CN'];
  if (typeof cn === 'string') return cn;
  if (Array.isArray(cn) && typeof cn[0] === 'string') return cn[0];
  const o = record['O'];
  return typeof o === 'string' ? o : '';
}

/** The first subjectAltName ("DNS:irc.example.org, IP:…" → "irc.example.org"), or ''. */
function firstAltName(altNames: unknown): string {
  if (typeof altNames !== 'string') return '';
  return (altNames.split(',')[0] ?? '').trim().replace(/^[A-Za-z ]+:/, '');
}

/**
 * What the user is shown of a certificate that did not verify, with Node's reason code
 * (e.g. DEPTH_ZERO_SELF_SIGNED_CERT); undefined when the server presented no certificate.
 */
export function certificateDetailOf(cert: PeerCertificateFields, reason: string): CertificateDetail | undefined {
  const fingerprint = cert.fingerprint256;
  if (typeof fingerprint !== 'string' || fingerprint === '') return undefined;
  const validTo = typeof cert.valid_to === 'string' ? Date.parse(cert.valid_to) : Number.NaN;
  return {
    fingerprint256: fingerprint,
    subject: displayName(cert.subject) || firstAltName(cert.subjectaltname),
    issuer: displayName(cert.issuer),
    reason,
    ...(Number.isFinite(validTo) ? { validTo } : {}),
  };
}

/** Compare SHA-256 fingerprints whatever their case or separators ("AB:CD…", "abcd…", "ab cd…"). */
export function sameFingerprint(a: string, b: string): boolean {
  const normal = (text: string): string => text.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  const left = normal(a);
  return left.length === 64 && left === normal(b);
}

/** Node's TLS error codes that mean "the certificate did not verify" (not "the network failed"). */
export function isCertificateErrorCode(code: string | undefined): boolean {
  if (!code) return false;
  return /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME|HOSTNAME/.test(code);
}

const CERTIFICATE_PROBLEMS: Readonly<Record<string, (host: string) => string>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: () => 'it is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: () => 'its chain ends in a self-signed certificate that is not trusted',
  CERT_HAS_EXPIRED: () => 'it has expired',
  CERT_NOT_YET_VALID: () => 'it is not valid yet',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: () => 'its issuer is unknown',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: () => 'its issuer is unknown',
  ERR_TLS_CERT_ALTNAME_INVALID: (host) => `it is not made out for ${host}`,
};

/** A plain sentence for a verification failure, e.g. "…could not be verified: it is self-signed." */
export function describeCertificateProblem(host: string, reason: string): string {
  const why = CERTIFICATE_PROBLEMS[reason]?.(host) ?? reason;
  return `The TLS certificate of ${host} could not be verified: ${why}.`;
}

/** Why a connection attempt failed, in words, from a Node socket error (its `code`). */
export function describeNetworkError(error: (Error & { readonly code?: string }) | undefined): string {
  switch (error?.code) {
    case 'ECONNREFUSED': return 'the connection was refused (is the server running on that port?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN': return 'the host name could not be resolved';
    case 'ETIMEDOUT': return 'the connection timed out';
    case 'ECONNRESET': return 'the connection was reset';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH': return 'the host is unreachable';
    default: return error?.message ? error.message : 'the connection closed';
  }
}
