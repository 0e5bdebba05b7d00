/**
 * One logged-in session and everything built on it: the stream session, the shared core
 * of the feature modules, the features, and the login sequence after authentication.
 */
import { ProtocolError, toProtocolErrorData, type ConnectionContext, type ProtocolEvent } from '../api/index.js';
import type { WireIds, XmppCore } from './core.js';
import { createFeatures, type Features } from './features.js';
import { History } from './history.js';
import { IncomingRouter } from './incoming.js';
import { parseJid } from './jid.js';
import type { Room } from './mucState.js';
import { MucSelfPing } from './mucSelfPing.js';
import { MAX_BODY_BYTES } from './outgoing.js';
import { joinQuietly } from './roomMemory.js';
import { Sending } from './sending.js';
import type { XmppSettings } from './settings.js';
import { iqFailure } from './stanzaErrors.js';
import type { Endpoint } from './stream/endpoint.js';
import { XmppSession } from './stream/session.js';
import { NS, xml } from './xml.js';

const LOGIN_TIMEOUT_MS = 45_000;

export interface Live {
  readonly session: XmppSession;
  readonly core: XmppCore;
  readonly features: Features;
  readonly router: IncomingRouter;
  readonly sending: Sending;
  readonly history: History;
  readonly selfPing: MucSelfPing;
  online: boolean;
}

export interface LiveSetup {
  readonly context: ConnectionContext;
  readonly settings: XmppSettings;
  readonly wireIds: WireIds;
  readonly resource: string;
  readonly endpoints: readonly Endpoint[];
}

export interface LiveCallbacks {
  readonly emit: (event: ProtocolEvent) => void;
  readonly ensureDirect: (jid: string) => void;
  readonly nameOf: (jid: string) => string;
  readonly knownDirect: (jid: string) => boolean;
  readonly roomJoined: (room: Room) => void;
  readonly roomDestroyed: (jid: string) => void;
  /** The session ended and could not be resumed. */
  readonly lost: (error: ProtocolError) => void;
}

export function createLive(setup: LiveSetup, callbacks: LiveCallbacks): Live {
  const { context, settings } = setup;
  const log = context.log;
  const session: XmppSession = new XmppSession({
    domain: settings.jid.domain,
    security: settings.security,
    policy: { domain: settings.jid.domain, ...(settings.trustedFingerprint ? { trustedFingerprint: settings.trustedFingerprint } : {}) },
    credentials: { username: settings.jid.local, password: settings.password, account: settings.bareJid, allowPlainPassword: settings.allowPlainPassword },
    resource: setup.resource,
    endpoints: setup.endpoints,
    keepAlive: settings.keepAlive,
    log,
  }, {
    stanza: (element) => router.stanza(element), // stanzas come only after start(), when the router exists
    interrupted: (error) => {
      log.info(`XMPP: connection dropped (${error.message}); resuming the session`);
      callbacks.emit({ type: 'connection.state', state: 'reconnecting', error: error.toData() });
    },
    resumed: () => callbacks.emit({ type: 'connection.state', state: 'online', selfId: settings.bareJid }),
    lost: (error) => callbacks.lost(error),
  });
  const core: XmppCore = {
    context,
    log,
    selfBare: settings.bareJid,
    selfFull: () => session.jid,
    emit: callbacks.emit,
    send: (element, tracking) => session.send(element, tracking),
    iq: async (element, what, timeoutMs) => {
      try {
        return await session.iq(element, timeoutMs);
      } catch (error: unknown) {
        throw iqFailure(error, what);
      }
    },
    wireIds: setup.wireIds,
    ensureDirect: callbacks.ensureDirect,
    nameOf: callbacks.nameOf,
  };
  const features = createFeatures(core, settings.jid.domain, {
    roomJoined: callbacks.roomJoined,
    roomDestroyed: callbacks.roomDestroyed,
    bookmarkJoin: (bookmark) => {
      void joinQuietly(core, features, bookmark.room, bookmark.nick, bookmark.password);
    },
    bookmarkLeave: (room) => {
      void features.rooms.leave(room).catch(() => undefined);
    },
    knownDirect: callbacks.knownDirect,
  });
  const router = new IncomingRouter(core, features);
  const selfPing = new MucSelfPing(core, () => features.rooms.rooms.values(), settings.keepAlive.intervalMs, (room) => {
    void features.rooms.rejoin(room.jid);
  });
  return { session, core, features, router, sending: new Sending(core, features), history: new History(core, features), selfPing, online: false };
}

/**
 * XEP-0115 caps, learnt by the server once instead of once per contact. Prosody's PEP
 * (XEP-0163 §4.3, mod_pep) looks up an available presence's caps hash for every local
 * contact that receives it, and caches the hash only when a contact's lookup is answered;
 * all contacts receive the initial presence at once, so a 5,000-contact roster made it ask
 * us 5,001 times. (Its lookup for our own presence is answered to our own bare JID, which
 * it does not cache.) A presence directed first to one local contact subscribed to us
 * (RFC 6121 §4.6: who will see it a moment later anyway) makes it ask once; a ping
 * (XEP-0199) answered after that question means our answer is in before the broadcast,
 * which then finds the hash cached. Without such a contact nothing is sent.
 */
async function announceCapsFirst(live: Live, settings: XmppSettings): Promise<void> {
  const { session, features } = live;
  const own = features.presences.own;
  if (own.status === 'offline') return;
  const local = [...features.roster.items.values()].find((item) => (item.subscription === 'both' || item.subscription === 'from')
    && parseJid(item.jid)?.domain === settings.jid.domain);
  if (!local) return;
  await session.send(features.presences.stanza(own, local.jid));
  await session.iq(xml('iq', { type: 'get', to: settings.jid.domain }, xml('ping', { xmlns: NS.ping }))).catch(() => undefined);
}

/** Log in, then RFC 6121 §2.2 roster (§2.6 versioned when offered), XEP-0191 block list, XEP-0280 carbons, and initial presence (§4.2). */
export async function startLive(live: Live, settings: XmppSettings, cancelled: () => boolean, hidden = false): Promise<void> {
  const { session, features } = live;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new ProtocolError('network', `Logging in to ${settings.jid.domain} took longer than ${LOGIN_TIMEOUT_MS / 1000} s.`)), LOGIN_TIMEOUT_MS);
  });
  // Until the archive catch-up after this login is handed over (History.catchUpDirect).
  features.liveHold.hold();
  try {
    await Promise.race([session.start(), deadline]);
    if (cancelled()) throw new ProtocolError('network', 'The login was cancelled.');
    await Promise.race([features.roster.load(session.rosterVersioning), deadline]);
    void features.omemo.start(); // before presence: offline messages wait for this device's keys, not fail

    await Promise.race([features.blocklist.load(), deadline]);
    await session.iq(xml('iq', { type: 'set' }, xml('enable', { xmlns: NS.carbons }))).catch(() => {
      live.core.log.info('XMPP: the server does not offer carbons (XEP-0280)');
    });
    // Invisible when the last session ended (see invisibility.ts): hidden before any presence.
    const initialPresence = hidden ? await Promise.race([features.invisibility.hideAtLogin(), deadline]) : true;
    if (initialPresence) {
      await announceCapsFirst(live, settings);
      await session.send(features.presences.stanza(features.presences.own));
    }
  } finally {
    clearTimeout(timer);
  }
}

/**
 * After login: catch up with the archive, then XEP-0490 §5 read positions (once the caught-up
 * messages are known), then XEP-0363 §3 the upload limit as `account.limits`. Failures are
 * logged, never fatal; each step only while the session is still the account's. Rooms are the
 * core's to rejoin (`coreRejoinsRooms`).
 */
export async function afterLogin(live: Live, current: () => boolean): Promise<void> {
  const { features, core } = live;
  try {
    const count = await live.history.catchUpDirect();
    core.log.info(`XMPP: caught up ${count} archived message(s)`);
  } catch (error: unknown) {
    core.log.info(`XMPP: no archive catch-up: ${toProtocolErrorData(error).message}`);
  }
  if (!current()) return;
  await features.displayed.load();
  if (!current()) return;
  const upload = await features.uploads.discover();
  if (current()) {
    core.emit({ type: 'account.limits', maxMessageBytes: MAX_BODY_BYTES, ...(upload?.maxSize !== undefined ? { maxUploadBytes: upload.maxSize } : {}) });
  }
}

/** A session that ended (lost or disconnected): its timers and holds released, its rooms forgotten, its caches written. */
export async function releaseLive(live: Live): Promise<void> {
  live.selfPing.stop();
  live.features.liveHold.release();
  live.features.rooms.clear();
  await live.features.positions.flush().catch(() => undefined);
  await live.features.roster.flush().catch(() => undefined);
}
