/**
 * Stream negotiation (RFC 6120 §5–§7, XEP-0170 order): TLS (STARTTLS unless direct TLS),
 * SASL, then either XEP-0198 resumption of the previous session, or resource binding and
 * enabling stream management.
 */
import { ProtocolError } from '../../api/index.js';
import { NS, attr, child, isElement, randomId, xml, type Element } from '../xml.js';
import type { Security } from '../settings.js';
import { authenticate, type Credentials } from './sasl.js';
import type { TlsPolicy } from './transport.js';
import type { StreamConnection } from './streamConnection.js';

export interface NegotiationOptions {
  readonly domain: string;
  readonly security: Security;
  readonly policy: TlsPolicy;
  readonly credentials: Credentials;
  readonly resource: string;
  /** Resume this XEP-0198 session instead of binding a new one. */
  readonly resume?: { readonly id: string; readonly h: number };
}

export type NegotiationResult =
  | {
    readonly kind: 'bound'; readonly jid: string; readonly sm?: { readonly id?: string; readonly max?: number };
    /** RFC 6121 §2.6.1: the server advertised roster versioning. */
    readonly rosterVersioning: boolean;
  }
  | { readonly kind: 'resumed'; readonly h: string | undefined }
  | { readonly kind: 'resume-failed'; readonly reason: string };

async function startTls(connection: StreamConnection, features: Element, options: NegotiationOptions): Promise<Element> {
  if (connection.secure || options.security === 'plain') return features;
  if (!child(features, 'starttls', NS.tls)) {
    throw new ProtocolError('protocol',
      `${options.domain} does not offer an encrypted connection (STARTTLS). Choose "Plain (insecure)" only if you trust every network on the way.`);
  }
  await connection.send(xml('starttls', { xmlns: NS.tls }));
  const answer = await connection.next();
  if (!isElement(answer, 'proceed', NS.tls)) throw new ProtocolError('protocol', `${options.domain} refused to start TLS.`);
  await connection.startTls();
  return connection.open();
}

async function bind(connection: StreamConnection, features: Element, resource: string, domain: string): Promise<string> {
  if (!child(features, 'bind', NS.bind)) throw new ProtocolError('protocol', `${domain} offers no resource binding.`);
  const id = randomId();
  await connection.send(xml('iq', { type: 'set', id }, xml('bind', { xmlns: NS.bind }, xml('resource', {}, resource))));
  const answer = await connection.next();
  if (answer.getName() !== 'iq' || attr(answer, 'id') !== id) throw new ProtocolError('protocol', `Unexpected <${answer.getName()}> while binding a resource.`);
  const jid = child(answer, 'bind', NS.bind)?.getChildText('jid', NS.bind) ?? undefined;
  if (attr(answer, 'type') !== 'result' || !jid) {
    throw new ProtocolError('protocol', `${domain} refused to bind the resource "${resource}".`);
  }
  // RFC 3921 sessions: only when the server still requires them.
  const session = child(features, 'session', NS.session);
  if (session && !child(session, 'optional', NS.session)) {
    const sessionId = randomId();
    await connection.send(xml('iq', { type: 'set', id: sessionId }, xml('session', { xmlns: NS.session })));
    const reply = await connection.next();
    if (attr(reply, 'type') !== 'result') throw new ProtocolError('protocol', `${domain} refused to start the session.`);
  }
  return jid;
}

/** Negotiate the stream; throws a ProtocolError (auth, certificate, protocol, network). */
export async function negotiate(connection: StreamConnection, options: NegotiationOptions): Promise<NegotiationResult> {
  let features = await connection.open();
  features = await startTls(connection, features, options);
  const mechanisms = child(features, 'mechanisms', NS.sasl);
  if (!mechanisms) throw new ProtocolError('protocol', `${options.domain} offers no login (SASL).`);
  await authenticate(connection, mechanisms, connection.secure, options.credentials);
  features = await connection.open();
  const smOffered = child(features, 'sm', NS.sm) !== undefined;
  const rosterVersioning = child(features, 'ver', NS.rosterVersioning) !== undefined;

  if (options.resume) {
    if (!smOffered) return { kind: 'resume-failed', reason: 'the server no longer offers stream management' };
    // XEP-0198 §5: resume with the count of stanzas we handled.
    await connection.send(xml('resume', { xmlns: NS.sm, previd: options.resume.id, h: String(options.resume.h) }));
    const answer = await connection.next();
    if (isElement(answer, 'resumed', NS.sm)) return { kind: 'resumed', h: attr(answer, 'h') };
    return { kind: 'resume-failed', reason: isElement(answer, 'failed', NS.sm) ? 'the server forgot the session' : `unexpected <${answer.getName()}>` };
  }

  const jid = await bind(connection, features, options.resource, options.domain);
  if (!smOffered) return { kind: 'bound', jid, rosterVersioning };
  // XEP-0198 §3: enable after binding, asking for resumption.
  await connection.send(xml('enable', { xmlns: NS.sm, resume: 'true' }));
  const answer = await connection.next();
  if (!isElement(answer, 'enabled', NS.sm)) return { kind: 'bound', jid, rosterVersioning };
  const resumable = attr(answer, 'resume') === 'true' || attr(answer, 'resume') === '1';
  const id = resumable ? attr(answer, 'id') : undefined;
  const max = Number(attr(answer, 'max'));
  return { kind: 'bound', jid, rosterVersioning, sm: { ...(id !== undefined ? { id } : {}), ...(Number.isFinite(max) && max > 0 ? { max } : {}) } };
}
