/**
 * Stream negotiation (RFC 6120 §5–§7, XEP-0170 order) on xmpp.js's `@xmpp/stream-features`
 * middleware: each feature is a handler for the `<stream:features/>` that offers it, in the
 * order registered here: TLS (STARTTLS unless direct TLS), SASL, then either XEP-0198
 * resumption of the previous session, or resource binding (`@xmpp/resource-binding`), the
 * RFC 3921 session where still required, and enabling stream management.
 *
 * Ours, registered as features like upstream's, and why (see the README's "On @xmpp/client"):
 * - STARTTLS: the upgrade goes through our certificate decision (transport.ts), not
 *   `@xmpp/starttls`'s `tls.connect` with the host only; and a stream that does not offer it
 *   is refused unless the user chose "plain" (upstream goes on in clear).
 * - SASL: our exchange (sasl.ts), which checks the SCRAM server signature in `<success/>`;
 *   `@xmpp/sasl` drops it.
 * - XEP-0198: upstream's feature (`@xmpp/stream-management`) binds a new session when
 *   resumption fails; ours reports it (the session tells the user, the core logs in afresh),
 *   and its outcome (id, max) goes to our session (session.ts), which checks every `h`.
 */
import resourceBinding from '@xmpp/resource-binding';
import type { IncomingContext } from '@xmpp/middleware';
import { ProtocolError } from '../../api/index.js';
import { NS, attr, child, isElement, xml, type Element } from '../xml.js';
import type { Security } from '../settings.js';
import { authenticate, type Credentials } from './sasl.js';
import type { StreamEntity, TlsPolicy } from './transport.js';
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

export interface StreamManagementGrant {
  readonly id?: string;
  readonly max?: number;
}

export type NegotiationResult =
  | {
    readonly kind: 'bound'; readonly jid: string; readonly sm?: StreamManagementGrant;
    /** RFC 6121 §2.6.1: the server advertised roster versioning. */
    readonly rosterVersioning: boolean;
  }
  | { readonly kind: 'resumed'; readonly h: string | undefined }
  | { readonly kind: 'resume-failed'; readonly reason: string };

type Context = IncomingContext<StreamEntity>;

function isFeatures(context: Context): boolean {
  return isElement(context.stanza, 'features', NS.stream);
}

function asProtocolError(error: unknown): ProtocolError {
  if (error instanceof ProtocolError) return error;
  return new ProtocolError('protocol', error instanceof Error ? error.message : String(error));
}

/** XEP-0198 §3: `<enabled/>` (or anything else: no stream management) read into what the session keeps. */
function grant(answer: Element): StreamManagementGrant | undefined {
  if (!isElement(answer, 'enabled', NS.sm)) return undefined;
  const resumable = attr(answer, 'resume') === 'true' || attr(answer, 'resume') === '1';
  const id = resumable ? attr(answer, 'id') : undefined;
  const max = Number(attr(answer, 'max'));
  return { ...(id !== undefined ? { id } : {}), ...(Number.isFinite(max) && max > 0 ? { max } : {}) };
}

/** Negotiate the stream; throws a ProtocolError (auth, certificate, protocol, network). */
export async function negotiate(connection: StreamConnection, options: NegotiationOptions): Promise<NegotiationResult> {
  const { middleware, streamFeatures, iqCaller } = connection.beginNegotiation();
  const { domain } = options;
  let settle: (result: NegotiationResult) => void = () => undefined;
  let refuse: (error: ProtocolError) => void = () => undefined;
  const outcome = new Promise<NegotiationResult>((resolve, reject) => {
    settle = resolve;
    refuse = reject;
  });
  let authenticated = false;
  let resumption: NegotiationResult | undefined;
  let sm: StreamManagementGrant | undefined;

  // Whatever a feature throws ends the negotiation in words (upstream's own error handler
  // would only emit it on the entity).
  middleware.use(async (_context: Context, next) => {
    try {
      await next();
    } catch (error: unknown) {
      refuse(asProtocolError(error));
    }
  });

  // RFC 6120 §5.3.1: TLS is mandatory-to-negotiate for us unless the user chose "plain".
  middleware.use((context: Context, next) => {
    if (isFeatures(context) && !authenticated && !connection.secure && options.security !== 'plain' && !child(context.stanza, 'starttls', NS.tls)) {
      throw new ProtocolError('protocol',
        `${domain} does not offer an encrypted connection (STARTTLS). Choose "Plain (insecure)" only if you trust every network on the way.`);
    }
    return next();
  });

  // RFC 6120 §5.4: STARTTLS, then the stream restarts (its new features run this chain again).
  streamFeatures.use('starttls', NS.tls, async (_context, next) => {
    if (connection.secure || options.security === 'plain') {
      await next();
      return undefined;
    }
    await connection.send(xml('starttls', { xmlns: NS.tls }));
    const answer = await connection.next();
    if (!isElement(answer, 'proceed', NS.tls)) throw new ProtocolError('protocol', `${domain} refused to start TLS.`);
    await connection.startTls();
    await connection.open();
    return undefined;
  });

  // RFC 6120 §6: SASL with our mechanisms and exchange, then the stream restarts.
  streamFeatures.use('mechanisms', NS.sasl, async (_context, next, mechanisms) => {
    if (authenticated) {
      await next();
      return undefined;
    }
    await authenticate(connection, mechanisms, connection.secure, options.credentials);
    authenticated = true;
    await connection.open();
    return undefined;
  });

  // After SASL: the features below decide between resuming and binding; then the outcome.
  // Features that reach here before a login offered none we could use: nothing below may
  // run (@xmpp/resource-binding would bind an unauthenticated stream).
  middleware.use(async (context: Context, next) => {
    if (!isFeatures(context)) {
      await next();
      return undefined;
    }
    if (!authenticated) throw new ProtocolError('protocol', `${domain} offers no login (SASL).`);
    const rosterVersioning = child(context.stanza, 'ver', NS.rosterVersioning) !== undefined;
    if (options.resume && !child(context.stanza, 'sm', NS.sm)) {
      settle({ kind: 'resume-failed', reason: 'the server no longer offers stream management' });
      return undefined;
    }
    try {
      await next();
    } catch (error: unknown) {
      // Anything but our own words comes from @xmpp/resource-binding: a stanza error, a
      // timeout, or a result without a JID.
      if (error instanceof ProtocolError) throw error;
      throw new ProtocolError('protocol', `${domain} refused to bind the resource "${options.resource}".`);
    }
    const jid = connection.boundJid;
    if (resumption) settle(resumption);
    else if (jid === undefined) throw new ProtocolError('protocol', `${domain} offers no resource binding.`);
    else settle({ kind: 'bound', jid, rosterVersioning, ...(sm ? { sm } : {}) });
    return undefined;
  });

  // XEP-0198: resume (§5) instead of binding; else enable (§3) once the resource is bound.
  streamFeatures.use('sm', NS.sm, async (_context, next) => {
    const resume = options.resume;
    if (resume) {
      await connection.send(xml('resume', { xmlns: NS.sm, previd: resume.id, h: String(resume.h) }));
      const answer = await connection.next();
      resumption = isElement(answer, 'resumed', NS.sm)
        ? { kind: 'resumed', h: attr(answer, 'h') }
        : { kind: 'resume-failed', reason: isElement(answer, 'failed', NS.sm) ? 'the server forgot the session' : `unexpected <${answer.getName()}>` };
      return undefined;
    }
    await next();
    if (connection.boundJid === undefined) return undefined;
    await connection.send(xml('enable', { xmlns: NS.sm, resume: 'true' }));
    sm = grant(await connection.next());
    return undefined;
  });

  // RFC 3921 §3: a session, only where the server still requires one, after binding.
  streamFeatures.use('session', NS.session, async (_context, next, session) => {
    await next();
    if (connection.boundJid === undefined || child(session, 'optional', NS.session)) return undefined;
    try {
      await iqCaller.set(xml('session', { xmlns: NS.session }));
    } catch {
      throw new ProtocolError('protocol', `${domain} refused to start the session.`);
    }
    return undefined;
  });

  // RFC 6120 §7: @xmpp/resource-binding binds and sets the entity's JID.
  resourceBinding({ streamFeatures, iqCaller }, options.resource);

  try {
    await connection.open();
    return await Promise.race([outcome, connection.closed]);
  } finally {
    connection.endNegotiation();
  }
}
