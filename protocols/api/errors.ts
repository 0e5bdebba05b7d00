/**
 * What went wrong, in terms the user interface can act on. The kind decides how an
 * error is shown (ask for a new password, offer to trust a certificate, retry later);
 * the message says it in plain words.
 */
export type ProtocolErrorKind =
  /** The server refused the credentials (wrong password, unknown account). */
  | 'auth'
  /** The host could not be reached or the connection broke (DNS, refused, timeout, reset). */
  | 'network'
  /** The server's TLS certificate failed verification. See {@link CertificateDetail}. */
  | 'certificate'
  /** The server asked us to slow down. `retryAfterMs` says when to retry, if known. */
  | 'rate-limited'
  /** The network or this plugin cannot do what was asked. */
  | 'not-supported'
  /** The server said no to a valid request, or sent something we could not understand. */
  | 'protocol'
  /** A bug in the plugin or the core. */
  | 'internal';

/** Facts about a certificate that failed verification, shown to the user before they trust it. */
export interface CertificateDetail {
  /** SHA-256 fingerprint, colon-separated upper-case hex (as OpenSSL prints it). */
  readonly fingerprint256: string;
  /** The subject's common name or first alternative name. */
  readonly subject: string;
  /** The issuer's common name. */
  readonly issuer: string;
  /** The verification failure as the TLS library names it (e.g. `DEPTH_ZERO_SELF_SIGNED_CERT`). */
  readonly reason: string;
  /** Validity end, as milliseconds since the Unix epoch. */
  readonly validTo?: number;
}

/** An error as plain data: what crosses the plugin boundary and the bridge. */
export interface ProtocolErrorData {
  readonly kind: ProtocolErrorKind;
  /** One or two sentences for the user. Never a stack trace. */
  readonly message: string;
  /** Set when kind is `certificate`. */
  readonly certificate?: CertificateDetail;
  /** Set when kind is `rate-limited` and the server said how long to wait. */
  readonly retryAfterMs?: number;
  /**
   * Nothing of the request reached the network: the plugin refused before writing a byte
   * of it (its session is not usable yet, or no longer: being resumed, just dropped), or
   * what it held for later was never written. Set it only when that is certain. For a
   * message (`sendMessage`, or `message.failed` for one handed over), the core then puts
   * it back in the outbox and sends it when the account is online again, instead of
   * showing it as not sent; a resend cannot double what never went out.
   */
  readonly notSent?: true;
}

/**
 * Throw this from a connection method to report a failure the user should see.
 * Anything else a plugin throws is reported as kind `internal`.
 */
export class ProtocolError extends Error {
  readonly kind: ProtocolErrorKind;
  readonly certificate?: CertificateDetail;
  readonly retryAfterMs?: number;
  readonly notSent?: true;

  constructor(kind: ProtocolErrorKind, message: string, extra: Omit<ProtocolErrorData, 'kind' | 'message'> = {}) {
    super(message);
    this.name = 'ProtocolError';
    this.kind = kind;
    if (extra.certificate !== undefined) this.certificate = extra.certificate;
    if (extra.retryAfterMs !== undefined) this.retryAfterMs = extra.retryAfterMs;
    if (extra.notSent === true) this.notSent = true;
  }

  /** The plain-data form, safe to post across a worker boundary. */
  toData(): ProtocolErrorData {
    return {
      kind: this.kind,
      message: this.message,
      ...(this.certificate ? { certificate: this.certificate } : {}),
      ...(this.retryAfterMs !== undefined ? { retryAfterMs: this.retryAfterMs } : {}),
      ...(this.notSent === true ? { notSent: true } : {}),
    };
  }
}

/** Turns anything thrown into error data; unknown throwables become `internal`. */
export function toProtocolErrorData(thrown: unknown): ProtocolErrorData {
  // Duck-typed rather than instanceof: a plugin bundles its own copy of this module.
  if (isProtocolErrorData(thrown)) {
    return {
      kind: thrown.kind,
      message: thrown.message || 'Unknown error',
      ...(thrown.certificate ? { certificate: { ...thrown.certificate } } : {}),
      ...(thrown.retryAfterMs !== undefined ? { retryAfterMs: thrown.retryAfterMs } : {}),
      ...(thrown.notSent === true ? { notSent: true } : {}),
    };
  }
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return { kind: 'internal', message: message || 'Unknown error' };
}

const KINDS: ReadonlySet<string> = new Set<ProtocolErrorKind>([
  'auth', 'network', 'certificate', 'rate-limited', 'not-supported', 'protocol', 'internal',
]);

/** True for a value that already has the shape of {@link ProtocolErrorData}. */
export function isProtocolErrorData(value: unknown): value is ProtocolErrorData {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record['kind'] === 'string' && KINDS.has(record['kind']) && typeof record['message'] === 'string';
}
