/**
 * XEP-0424 message retraction (version 0.4, `urn:xmpp:message-retract:1`; the older
 * `urn:xmpp:fasten:0` wrapper of 0.3 is read too): what the user deletes goes out with the
 * XEP-0428 fallback body for clients without it, and incoming retractions (live, carbons,
 * archive) become `message.deleted`. Only a message's author may retract it (§7).
 */
import { BoundedMap, ProtocolError, type IncomingMessage, type ProtocolEvent } from '../api/index.js';
import type { XmppCore } from './core.js';
import type { Features } from './features.js';
import { parseJid } from './jid.js';
import { NS, attr, child, randomId, xml, type Element } from './xml.js';

export const RETRACT_NS = 'urn:xmpp:message-retract:1';
const RETRACT_NS_0 = 'urn:xmpp:message-retract:0';
const FASTEN_NS = 'urn:xmpp:fasten:0';
/** §4's example fallback text, for clients that do not understand retractions. */
const FALLBACK_BODY = 'This person attempted to retract a previous message, but it\'s unsupported by your client.';
/** Room messages whose author we remember (oldest forgotten first). */
const MAX_AUTHORS = 20_000;

/** The id a message retracts (§4 `<retract id/>`, or 0.3's `<apply-to id><retract/></apply-to>`), if any. */
export function retractionTarget(stanza: Element): string | undefined {
  const retract = child(stanza, 'retract', RETRACT_NS);
  if (retract) return nonEmpty(attr(retract, 'id'));
  const applyTo = child(stanza, 'apply-to', FASTEN_NS);
  if (applyTo && child(applyTo, 'retract', RETRACT_NS_0)) return nonEmpty(attr(applyTo, 'id'));
  return undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value !== '' && value.length <= 1024 ? value : undefined;
}

/** §4: the retraction of `targetId` (in rooms the room's stanza-id, §5.1), with its XEP-0428 fallback and a store hint. */
export function retractionStanza(to: string, type: 'chat' | 'groupchat', targetId: string, id: string): Element {
  return xml('message', { to, type, id },
    xml('retract', { xmlns: RETRACT_NS, id: targetId }),
    xml('fallback', { xmlns: NS.fallback, for: RETRACT_NS }),
    xml('body', {}, FALLBACK_BODY),
    xml('store', { xmlns: NS.hints }));
}

/** Send the user's retraction; the message is shown deleted once the server has it (rooms reflect it too). */
export async function sendRetraction(core: XmppCore, features: Features, conversationId: string, targetNetworkId: string): Promise<void> {
  const room = features.rooms.get(conversationId);
  if (room && !room.joined) throw new ProtocolError('protocol', `You are not in ${conversationId}.`);
  if (!room && !parseJid(conversationId)) throw new ProtocolError('protocol', `"${conversationId}" is not an XMPP address.`);
  const stanza = retractionStanza(room ? room.jid : conversationId, room ? 'groupchat' : 'chat', targetNetworkId, randomId());
  await core.send(stanza, {
    onAcked: () => core.emit({ type: 'message.deleted', conversationId, targetNetworkId, senderId: core.selfBare }),
  });
}

/**
 * Emit the deletion (through `emit`: a live one keeps its place behind live messages held
 * for the catch-up); a history page being collected loses the retracted message instead of showing it.
 */
export function applyRetraction(emit: (event: ProtocolEvent) => void, conversationId: string, targetNetworkId: string, senderId: string, collect?: IncomingMessage[]): void {
  if (collect) {
    const index = collect.findIndex((message) => message.networkId === targetNetworkId);
    if (index >= 0) collect.splice(index, 1);
  }
  emit({ type: 'message.deleted', conversationId, targetNetworkId, senderId });
}

/**
 * Who wrote which room message (by the room's stanza-id), so that an occupant can retract
 * only their own (§7: "the receiving client MUST check that the retraction comes from the
 * same sender"). Bounded; a retraction of a message this session never saw is ignored.
 */
export class RoomAuthors {
  private readonly authors = new BoundedMap<string, string>(MAX_AUTHORS);

  note(room: string, networkId: string, senderId: string): void {
    this.authors.set(`${room}\n${networkId}`, senderId);
  }

  wrote(room: string, networkId: string, senderId: string): boolean {
    return this.authors.get(`${room}\n${networkId}`) === senderId;
  }
}
