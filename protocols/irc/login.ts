/**
 * Turning what happened during registration into the error the user sees: certificate,
 * auth (wrong server password), network (unreachable, reset, timeout) or protocol.
 */
import {
  ProtocolError, certificateDetailOf, describeCertificateProblem, describeNetworkError, isCertificateErrorCode,
} from '../api/index.js';
import { probeCertificate } from './certificateProbe.js';
import { ProxyFailure, type SocksProxy } from './socksProxy.js';

export interface Endpoint {
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  /** The account's SOCKS5 proxy, through which every connection goes. */
  readonly proxy?: SocksProxy;
}

/** What the connection saw before the socket closed during registration. */
export interface RegistrationTrace {
  /** The TCP (and TLS) connection was up. */
  socketOpened: boolean;
  /** We sent PASS. */
  sentPassword: boolean;
  /** Text of a 464 ERR_PASSWDMISMATCH. */
  passwordMismatch?: string;
  /** Text of an ERROR line. */
  serverError?: string;
  /** The pinned certificate did not match (fingerprint seen). */
  pinMismatch?: string;
  /** The keep-alive gave up after this many seconds without a line from the server. */
  silentFor?: number;
}

export function hostPort(endpoint: { readonly host: string; readonly port: number }): string {
  return `${endpoint.host}:${endpoint.port}`;
}

/** The error for a socket that closed before registration finished. */
export async function registrationFailure(
  endpoint: Endpoint, trace: RegistrationTrace, socketError: (Error & { code?: string }) | undefined,
): Promise<ProtocolError> {
  if (trace.pinMismatch !== undefined) {
    return new ProtocolError('certificate',
      `The TLS certificate of ${endpoint.host} changed: it is not the trusted certificate (now ${trace.pinMismatch}).`);
  }
  if (endpoint.tls && socketError && isCertificateErrorCode(socketError.code)) {
    const reason = socketError.code ?? 'UNKNOWN';
    try {
      const probe = await probeCertificate(endpoint.host, endpoint.port, 10_000, endpoint.proxy);
      const certificate = certificateDetailOf(probe.peer, reason);
      return new ProtocolError('certificate', describeCertificateProblem(endpoint.host, reason), certificate ? { certificate } : {});
    } catch {
      return new ProtocolError('certificate', describeCertificateProblem(endpoint.host, reason));
    }
  }
  if (trace.silentFor !== undefined) {
    return new ProtocolError('network', `No answer from ${hostPort(endpoint)} for ${trace.silentFor} s during login (ping timeout).`);
  }
  if (trace.passwordMismatch !== undefined) {
    return new ProtocolError('auth', `${endpoint.host} refused the server password: ${trace.passwordMismatch}`);
  }
  if (trace.serverError !== undefined) {
    return new ProtocolError('auth', `${endpoint.host} refused the login: ${trace.serverError}`);
  }
  if (trace.socketOpened && !socketError) {
    return trace.sentPassword
      ? new ProtocolError('auth', `${hostPort(endpoint)} closed the connection during login; the server password may be wrong.`)
      : new ProtocolError('network', `${hostPort(endpoint)} closed the connection during login.`);
  }
  if (socketError instanceof ProxyFailure && endpoint.proxy) {
    return new ProtocolError(socketError.kind, `Cannot connect to ${hostPort(endpoint)} through the SOCKS5 proxy ${hostPort(endpoint.proxy)}: ${socketError.message}.`);
  }
  return new ProtocolError('network', `Cannot connect to ${hostPort(endpoint)}: ${describeNetworkError(socketError)}.`);
}
