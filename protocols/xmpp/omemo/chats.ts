/**
 * OMEMO in the message path of one-to-one chats and private rooms: which conversations are encrypted (the
 * account's setting, then the user's choice per conversation), sealing what we send,
 * decrypting what arrives (live, carbons, archive) before the rest of the path reads it,
 * in arrival order, and the user's commands (on/off, fingerprints, verify).
 *
 * A conversation is encrypted when the account has OMEMO on and the user did not turn it
 * off for that chat, and the contact has published OMEMO devices (or the user turned it on
 * for that chat explicitly, when sending without devices fails in words instead of going
 * out unencrypted). A room is encrypted only after `/omemo on` there, and only when it shows
 * its members' addresses (XEP-0045 non-anonymous): OMEMO encrypts for people, not nicks.
 */
import { BoundedMap, ProtocolError } from '../../api/index.js';
import type { XmppCore } from '../core.js';
import { bare } from '../jid.js';
import type { Room } from '../mucState.js';
import { NS, attr, child, xml, type Element } from '../xml.js';
import { Omemo } from './omemo.js';
import { applyDecryption, decryptionOf, undecryptableText } from './outcome.js';
import { readDeviceListEvent } from './pep.js';
import { deviceLine, normalizeFingerprint, fingerprintOf } from './trust.js';
import { FALLBACK_BODY, OMEMO_NS, emeElement } from './wire.js';

type Choice = 'on' | 'off';
const choiceKey = (jid: string): string => `omemo.chat.${jid}`;
/**
 * Our own encrypted room messages whose text is kept until the room reflects them (XEP-0045
 * §7.4; seconds later): a burst sent while the room is slow fits, older ones are forgotten.
 */
const MAX_SENT_TO_ROOMS = 500;

export class OmemoChats {
  readonly omemo: Omemo;
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;
  private readonly released = new WeakSet<Element>();
  /** Conversations announced as encrypted (or not) this session. */
  private readonly announced = new Map<string, boolean>();

  /** What we sent to rooms, by id: the room reflects it encrypted, and this device has no key for its own messages. */
  private readonly sentToRooms = new BoundedMap<string, string>(MAX_SENT_TO_ROOMS);

  constructor(private readonly core: XmppCore, readonly enabled: boolean, private readonly roomOf: (jid: string | undefined) => Room | undefined) {
    this.omemo = new Omemo(core);
  }

  /** After login, when the account has OMEMO on: failures are logged and said, never fatal to the login. */
  async start(): Promise<void> {
    if (!this.enabled) return;
    try {
      await this.omemo.start();
    } catch (error: unknown) {
      const message = error instanceof Error ? error.message : String(error);
      this.core.log.warn(`XMPP: OMEMO not set up: ${message}`);
      this.core.emit({ type: 'server.notice', text: `End-to-end encryption (OMEMO) could not be set up: ${message}`, timestamp: Date.now() });
    }
  }

  private async choice(jid: string): Promise<Choice | undefined> {
    const stored = await this.core.context.storage.get(choiceKey(jid)).catch(() => undefined);
    return stored === 'on' || stored === 'off' ? stored : undefined;
  }

  async encrypts(jid: string): Promise<boolean> {
    if (!this.enabled) return false;
    const choice = await this.choice(jid);
    if (choice === 'off') return false;
    // Rooms only when the user turned it on there (/omemo on, which checks the room shows members' addresses).
    const room = this.roomOf(jid);
    if (room) {
      this.announce(jid, choice === 'on');
      return choice === 'on';
    }
    const devices = choice === 'on' ? [] : await this.omemo.devicesOf(jid).catch((error: unknown) => {
      this.core.log.warn(`XMPP: the OMEMO devices of ${jid} could not be fetched: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    });
    const encrypt = choice === 'on' || devices.length > 0;
    this.announce(jid, encrypt);
    return encrypt;
  }

  /** The conversation's padlock (Conversation.encrypted), said once per session and on every change. */
  private announce(jid: string, encrypted: boolean): void {
    if (this.announced.get(jid) === encrypted) return;
    this.announced.set(jid, encrypted);
    const room = this.roomOf(jid);
    if (room) {
      this.core.emit({ type: 'conversation.upserted', conversation: { ...room.conversation(), encrypted } });
      return;
    }
    this.core.ensureDirect(jid);
    this.core.emit({ type: 'conversation.upserted', conversation: { id: jid, kind: 'direct', title: this.core.nameOf(jid), encrypted } });
  }

  /**
   * A one-to-one message on its way out, encrypted when the conversation is: the body (and
   * an upload's out-of-band URL) replaced by `<encrypted/>`, XEP-0380's marker, a fallback
   * body for clients without OMEMO, and a store hint (§5.2: a body-less message must be archived).
   */
  async seal(stanza: Element): Promise<Element> {
    const to = bare(attr(stanza, 'to'));
    // Our own stanza, built without an xmlns (the stream's default namespace applies): by name.
    const body = stanza.getChildText('body') ?? undefined;
    const type = attr(stanza, 'type');
    if ((type !== 'chat' && type !== 'groupchat') || !to || body === undefined) return stanza;
    if (type === 'chat' && this.roomOf(to)) return stanza; // a private message in a room: not supported encrypted
    if (!await this.encrypts(to)) return stanza;
    const room = type === 'groupchat' ? this.roomOf(to) : undefined;
    const { element, skipped } = await this.omemo.encrypt(room ? this.roomMembers(room) : [to], body);
    const id = attr(stanza, 'id');
    if (room && id !== undefined) this.rememberSent(id, body);
    if (skipped.length > 0) this.core.log.info(`XMPP: OMEMO message to ${to} not encrypted for: ${skipped.join('; ')}`);
    stanza.children = stanza.children.filter((node) => typeof node === 'string'
      || !(node.getName() === 'body' || (node.getName() === 'x' && node.getNS() === NS.oob)));
    stanza.append(element);
    stanza.append(emeElement());
    stanza.append(xml('store', { xmlns: NS.hints }));
    stanza.append(xml('body', {}, FALLBACK_BODY));
    return stanza;
  }

  /** A private room's members by their addresses (ourselves left out); throws when the room hides them. */
  private roomMembers(room: Room): string[] {
    const members = new Set<string>();
    for (const occupant of room.occupants.values()) {
      if (occupant.nick === room.nick) continue;
      if (!occupant.realJid) throw new ProtocolError('protocol', `${room.jid} does not show its members' addresses, which OMEMO needs to encrypt for them: the message was not sent.`);
      if (occupant.realJid !== this.core.selfBare) members.add(occupant.realJid);
    }
    return [...members];
  }

  private rememberSent(id: string, body: string): void {
    this.sentToRooms.set(id, body);
  }

  /**
   * A room message's sender for decryption: the occupant's real address (XEP-0045 non-anonymous
   * rooms). Our own reflection, which this device cannot decrypt, gets the text we sent; what
   * cannot be attributed is said in words.
   */
  private roomSender(message: Element): string | undefined {
    const from = attr(message, 'from');
    const room = this.roomOf(bare(from));
    const nick = from?.includes('/') === true ? from.slice(from.indexOf('/') + 1) : undefined;
    const occupant = nick !== undefined ? room?.occupants.get(nick) : undefined;
    if (room && nick === room.nick) {
      const sent = this.sentToRooms.get(attr(message, 'id') ?? '');
      if (sent !== undefined) applyDecryption(message, sent, { kind: 'decrypted', trust: 'verified' });
      else applyDecryption(message, undecryptableText('it was sent from this device, which cannot read its own messages back from the server.'), { kind: 'failed' });
      return undefined;
    }
    if (!occupant?.realJid) {
      applyDecryption(message, undecryptableText('the room does not show who sent it (OMEMO needs a room whose members see each other\'s addresses).'), { kind: 'failed' });
      return undefined;
    }
    return occupant.realJid;
  }

  /** The message of `stanza` that carries `<encrypted/>` (itself, or a carbon's inner message) with its sender, if any. */
  private encryptedPart(stanza: Element): { message: Element; sender: string } | undefined {
    const from = bare(attr(stanza, 'from'));
    const own = from === undefined || from === this.core.selfBare;
    const received = child(stanza, 'received', NS.carbons);
    const sent = child(stanza, 'sent', NS.carbons);
    const message = (received ?? sent) && own ? child(child(received ?? sent, 'forwarded', NS.forward), 'message', NS.client) : stanza;
    if (!message || !child(message, 'encrypted', OMEMO_NS) || decryptionOf(message)) return undefined;
    const sender = attr(message, 'type') === 'groupchat' ? this.roomSender(message) : sent ? this.core.selfBare : bare(attr(message, 'from'));
    return sender ? { message, sender } : undefined;
  }

  /**
   * Takes over a live message that needs decrypting, or that arrives while one is being
   * decrypted (the order stays the order of arrival), and hands it to `route` when it is
   * ready. Device list notifications are taken here too. False: route it now as it is.
   */
  intercept(stanza: Element, route: (stanza: Element) => void): boolean {
    if (this.released.has(stanza)) return false;
    const devices = readDeviceListEvent(stanza);
    if (devices) {
      this.omemo.onDeviceList(bare(attr(stanza, 'from')) ?? this.core.selfBare, devices);
      return true;
    }
    const part = this.encryptedPart(stanza);
    if (!part && this.waiting === 0) return false;
    this.waiting++;
    this.tail = this.tail.then(async () => {
      try {
        const shown = part ? await this.omemo.decrypt(part.message, part.sender) : true;
        this.released.add(stanza);
        if (shown) route(stanza);
      } catch (error: unknown) {
        this.core.log.warn(`XMPP: an encrypted message could not be handled: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        this.waiting--;
      }
    });
    return true;
  }

  /** An archived message (XEP-0313), decrypted in place before the page is read. */
  async prepareArchived(message: Element): Promise<void> {
    const part = this.encryptedPart(message);
    if (!part) return;
    const sender = attr(message, 'type') === 'groupchat' ? part.sender : bare(attr(message, 'from')) ?? this.core.selfBare;
    await this.omemo.decrypt(part.message, sender).catch((error: unknown) => {
      this.core.log.warn(`XMPP: an archived encrypted message could not be handled: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  /** `/omemo [on|off|fingerprints|verify <fingerprint>]` in a conversation (or for a JID given). */
  async command(args: string, conversationId: string | undefined): Promise<void> {
    const [verb = '', ...rest] = args.trim().split(/\s+/);
    const jid = bare(conversationId) ?? conversationId;
    const say = (text: string): void => this.core.emit({ type: 'server.notice', text, timestamp: Date.now() });
    if (!this.enabled) throw new ProtocolError('not-supported', 'OMEMO is off for this account: turn on "End-to-end encryption (OMEMO)" in the account\'s settings.');
    if (verb === 'on' || verb === 'off') {
      if (!jid) throw new ProtocolError('protocol', `Use /omemo ${verb} in a chat or a room.`);
      const room = this.roomOf(jid);
      if (room && verb === 'on') this.roomMembers(room); // a room that hides addresses is refused in words
      if (!room && verb === 'on' && (await this.omemo.devicesOf(jid)).length === 0) {
        throw new ProtocolError('protocol', `${jid} has no OMEMO devices yet: their app must support OMEMO (Conversations, Gajim, Dino, …) and be online once.`);
      }
      await this.core.context.storage.set(choiceKey(jid), verb);
      this.announce(jid, verb === 'on');
      say(verb === 'on' ? `Messages to ${jid} are now end-to-end encrypted (OMEMO).` : `Messages to ${jid} are now sent unencrypted.`);
      return;
    }
    if (verb === 'fingerprints' || verb === '') {
      await this.omemo.start();
      const who = rest[0] ?? jid ?? this.core.selfBare;
      say(await this.fingerprints(who));
      return;
    }
    if (verb === 'verify') {
      // A JID first is optional; the fingerprint may come in groups ("1a2b3c4d 5e6f…", as shown).
      const named = rest[0]?.includes('@') === true;
      const who = named ? rest[0] ?? '' : jid ?? '';
      const fingerprint = normalizeFingerprint(rest.slice(named ? 1 : 0).join(''));
      say(await this.verify(who, fingerprint));
      return;
    }
    throw new ProtocolError('protocol', 'Usage: /omemo on | off | fingerprints [jid] | verify [jid] <fingerprint>');
  }

  private async fingerprints(jid: string): Promise<string> {
    const lines: string[] = [];
    if (jid === this.core.selfBare) {
      const own = Buffer.from(this.omemo.store.identityKeyPair().pubKey).toString('base64');
      lines.push(`This device (${this.omemo.deviceId}): ${fingerprintOf(own)}`);
    }
    const listed = await this.omemo.devicesOf(jid);
    const known = await this.omemo.store.peerDevices(jid);
    for (const id of listed) {
      const device = known[String(id)];
      if (id === this.omemo.deviceId && jid === this.core.selfBare) continue;
      lines.push(device ? deviceLine(id, device) : `${id}: no session yet (its fingerprint is known after the first message)`);
    }
    return lines.length > 0 ? `OMEMO devices of ${jid}:\n${lines.join('\n')}` : `${jid} has no OMEMO devices.`;
  }

  private async verify(jid: string, fingerprint: string): Promise<string> {
    if (!jid || fingerprint.length !== 64) throw new ProtocolError('protocol', 'Usage: /omemo verify [jid] <fingerprint> (the 64 hex digits the other device shows).');
    const known = await this.omemo.store.peerDevices(jid);
    const match = Object.entries(known).find(([, device]) => normalizeFingerprint(fingerprintOf(device.identityKey)) === fingerprint);
    if (!match) throw new ProtocolError('protocol', `No device of ${jid} known here has that fingerprint. Exchange a message first, then compare again.`);
    const [id, device] = match;
    await this.omemo.store.setPeerDevice(jid, Number(id), { identityKey: device.identityKey, trust: 'verified' });
    return `Device ${id} of ${jid} is verified. Its messages show as verified; devices of ${jid} you have not verified are marked.`;
  }
}
