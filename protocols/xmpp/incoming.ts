/**
 * Where each incoming stanza goes: archive results, carbons (XEP-0280, accepted only from
 * our own account, §11), PEP events, invitations, rooms, one-to-one chat, presence, and
 * the iq requests we answer (RFC 6120 §8.4: unknown ones get service-unavailable).
 */
import type { XmppCore } from './core.js';
import type { Features } from './features.js';
import { bare } from './jid.js';
import { parseMessage, stanzaIdBy } from './messageParse.js';
import { discoInfoResult, versionResult } from './disco.js';
import { readInvitation } from './invites.js';
import { describeStanzaError } from './stanzaErrors.js';
import { NS, attr, child, xml, type Element } from './xml.js';

export class IncomingRouter {
  /** disco#info queries answered this session (XEP-0030): the server's caps lookups (see live.ts). */
  discoQueries = 0;

  constructor(private readonly core: XmppCore, private readonly features: Features) {}

  stanza(stanza: Element): void {
    switch (stanza.getName()) {
      case 'message':
        this.message(stanza);
        return;
      case 'presence':
        this.presence(stanza);
        return;
      case 'iq':
        this.iq(stanza);
        return;
      default:
        return;
    }
  }

  private message(stanza: Element): void {
    const { features, core } = this;
    const type = attr(stanza, 'type') ?? 'normal';
    if (type === 'error') {
      this.messageError(stanza);
      return;
    }
    if (features.archive.onResult(stanza)) return;
    // OMEMO (XEP-0384): decrypted first, and what follows waits for it (arrival order).
    if (features.omemo.intercept(stanza, (ready) => this.message(ready))) return;
    const from = attr(stanza, 'from');
    const fromBare = bare(from);
    const fromOwnAccount = from === undefined || fromBare === core.selfBare;

    // XEP-0280 §11: carbons only from our own bare JID.
    const received = child(stanza, 'received', NS.carbons);
    const sent = child(stanza, 'sent', NS.carbons);
    if (received || sent) {
      if (!fromOwnAccount) {
        core.log.warn(`XMPP: dropped a forged carbon copy from ${from}`);
        return;
      }
      const inner = child(child(received ?? sent, 'forwarded', NS.forward), 'message', NS.client);
      if (inner) this.carbon(inner, sent !== undefined);
      return;
    }
    if (child(stanza, 'event', NS.pubsubEvent)) {
      // PEP notifications: our bookmarks (XEP-0402) and read markers (XEP-0490), or contacts' avatars (XEP-0084).
      if (fromOwnAccount) {
        if (!features.displayed.onEvent(stanza)) features.bookmarks.onEvent(stanza);
      }
      else features.avatars.onEvent(stanza);
      return;
    }
    const invitation = readInvitation(stanza);
    if (invitation && type !== 'groupchat') {
      features.invitations.onInvitation(invitation);
      return;
    }
    const room = features.rooms.get(fromBare);
    const parsed = parseMessage(stanza);
    if (room) {
      room.lastHeard = Date.now();
      if (type === 'groupchat') {
        features.roomMessages.onMessage(room, { parsed, source: 'live' });
        const id = stanzaIdBy(parsed, room.jid);
        if (id) features.positions.note(`mam.room.${room.jid}`, id);
      } else if (from && from !== room.jid) {
        // A private message from an occupant (§7.5): its own direct conversation.
        features.chats.onMessage({ parsed, outgoing: false, source: 'live', peer: from });
      }
      return;
    }
    if (type === 'groupchat' || !fromBare) return; // from a room we are not in
    if (features.blocklist.blocked.has(fromBare)) return;
    features.chats.onMessage({ parsed, outgoing: false, source: 'live', peer: fromBare });
    const archived = stanzaIdBy(parsed, core.selfBare);
    if (archived) features.positions.note('mam.self', archived);
  }

  private carbon(inner: Element, sent: boolean): void {
    const parsed = parseMessage(inner);
    if (parsed.type === 'groupchat' || parsed.type === 'error') return;
    const peer = bare(sent ? parsed.to : parsed.from);
    if (!peer) return;
    const room = this.features.rooms.get(peer);
    const full = sent ? parsed.to : parsed.from;
    // Carbons of a room's private messages keep the occupant JID as the conversation.
    const conversation = room && full && full !== room.jid ? full : peer;
    this.features.chats.onMessage({ parsed, outgoing: sent, source: 'carbon', peer: conversation });
  }

  private messageError(stanza: Element): void {
    const id = attr(stanza, 'id');
    const localId = this.core.wireIds.toLocal(id);
    const info = describeStanzaError(stanza, 'Sending the message');
    const room = this.features.rooms.get(bare(attr(stanza, 'from')));
    if (room && id !== undefined) room.pending.delete(id);
    if (localId !== undefined) {
      this.core.emit({ type: 'message.failed', localId, error: { kind: info.kind, message: info.message } });
    } else {
      this.core.log.info(`XMPP: message error from ${attr(stanza, 'from') ?? 'the server'}: ${info.message}`);
    }
  }

  private presence(stanza: Element): void {
    if (this.features.rooms.onPresence(stanza)) return;
    // A late occupant presence from a room we left is not a contact's presence.
    if (child(stanza, 'x', NS.mucUser) && attr(stanza, 'type') !== 'subscribe') return;
    this.features.presences.onPresence(stanza);
    this.features.avatars.onPresence(stanza); // XEP-0153 photo hash
  }

  private iq(stanza: Element): void {
    const type = attr(stanza, 'type');
    if (type !== 'get' && type !== 'set') return; // results and errors nobody waits for
    const id = attr(stanza, 'id');
    const from = attr(stanza, 'from');
    const reply = (payload?: Element): void => {
      void this.core.send(xml('iq', { type: 'result', ...(id !== undefined ? { id } : {}), ...(from !== undefined ? { to: from } : {}) }, ...(payload ? [payload] : [])))
        .catch(() => undefined);
    };
    const refuse = (condition: string, errorType = 'cancel'): void => {
      void this.core.send(xml('iq', { type: 'error', ...(id !== undefined ? { id } : {}), ...(from !== undefined ? { to: from } : {}) },
        xml('error', { type: errorType }, xml(condition, { xmlns: NS.stanzas })))).catch(() => undefined);
    };
    if (type === 'set') {
      if (child(stanza, 'query', NS.roster)) {
        if (this.features.roster.onPush(stanza)) reply();
        else refuse('forbidden');
        return;
      }
      if (child(stanza, 'block', NS.blocking) || child(stanza, 'unblock', NS.blocking)) {
        if (this.features.blocklist.onPush(stanza)) reply();
        else refuse('forbidden');
        return;
      }
      refuse('service-unavailable');
      return;
    }
    if (child(stanza, 'ping', NS.ping)) {
      reply();
      return;
    }
    if (child(stanza, 'query', NS.discoInfo)) {
      this.discoQueries++;
      const result = discoInfoResult(stanza);
      if (result) reply(result);
      else refuse('item-not-found');
      return;
    }
    if (child(stanza, 'query', NS.version)) {
      reply(versionResult());
      return;
    }
    refuse('service-unavailable');
  }
}
