/**
 * The room directory (XEP-0045 §6.1–§6.4): the account's group chat service is the item of
 * the server's disco#items whose disco#info says identity conference/text (found once per
 * session), its rooms are that service's disco#items, and a room's name, description and
 * occupant count come from its disco#info (the muc#roominfo form, §6.4) for the rooms shown.
 */
import { ProtocolError, type RoomDirectoryEntry } from '../api/index.js';
import type { XmppCore } from './core.js';
import { parseJid } from './jid.js';
import { NS, attr, child, childText, children, xml, type Element } from './xml.js';

/** Server items asked what they are while looking for the MUC service. */
const MAX_SERVICE_CANDIDATES = 30;
/** Rooms read from the service's list: a public server lists thousands; we keep a bounded number. */
const MAX_LISTED = 10_000;
/** Rooms whose disco#info is asked per search: the ones shown first get descriptions and counts. */
const MAX_DETAILED = 25;
const INFO_TIMEOUT_MS = 5_000;

interface RoomInfo {
  readonly name?: string;
  readonly description?: string;
  readonly occupants?: number;
}

export class RoomDirectory {
  private service: Promise<string | undefined> | undefined;

  constructor(private readonly core: XmppCore, private readonly domain: string) {}

  /** §6.1–§6.2: the service of the account's server that hosts rooms, cached for the session. */
  findService(): Promise<string | undefined> {
    this.service ??= this.lookUpService().catch((error: unknown) => {
      this.core.log.info(`XMPP: no group chat service found: ${String(error)}`);
      this.service = undefined; // ask again next time: the server may have been busy
      return undefined;
    });
    return this.service;
  }

  private async lookUpService(): Promise<string | undefined> {
    const items = await this.core.iq(xml('iq', { type: 'get', to: this.domain }, xml('query', { xmlns: NS.discoItems })), 'Looking for a group chat service');
    const jids = itemJids(items).slice(0, MAX_SERVICE_CANDIDATES);
    const answers = await Promise.all(jids.map(async (jid) => {
      try {
        const info = await this.core.iq(xml('iq', { type: 'get', to: jid }, xml('query', { xmlns: NS.discoInfo })), `Asking ${jid} what it offers`, INFO_TIMEOUT_MS);
        const query = child(info, 'query', NS.discoInfo);
        const isMuc = children(query, 'identity', NS.discoInfo).some((identity) => attr(identity, 'category') === 'conference' && attr(identity, 'type') === 'text')
          && children(query, 'feature', NS.discoInfo).some((feature) => attr(feature, 'var') === NS.muc);
        return isMuc ? jid : undefined;
      } catch {
        return undefined; // an item that does not answer is not our service
      }
    }));
    return answers.find((jid) => jid !== undefined);
  }

  /** §6.3: the service's public rooms whose address or name contains `query`, at most `limit`. */
  async list(query: string, limit: number): Promise<RoomDirectoryEntry[]> {
    const service = await this.findService();
    if (!service) throw new ProtocolError('not-supported', `${this.domain} offers no group chat service (XEP-0045), so it has no room directory.`);
    const result = await this.core.iq(xml('iq', { type: 'get', to: service }, xml('query', { xmlns: NS.discoItems })), `Listing the rooms of ${service}`);
    const wanted = query.trim().toLowerCase();
    const rooms = children(child(result, 'query', NS.discoItems), 'item', NS.discoItems).slice(0, MAX_LISTED).flatMap((item) => {
      const jid = attr(item, 'jid');
      if (!jid || !parseJid(jid)?.local) return [];
      const name = attr(item, 'name')?.trim().slice(0, 200);
      return [{ jid, name: name || (parseJid(jid)?.local ?? jid) }];
    }).filter((room) => wanted === '' || room.jid.toLowerCase().includes(wanted) || room.name.toLowerCase().includes(wanted))
      .sort((a, b) => a.name.localeCompare(b.name))
      .slice(0, Math.max(0, limit));
    const details = await Promise.all(rooms.map((room, index) => (index < MAX_DETAILED ? this.roomInfo(room.jid) : Promise.resolve<RoomInfo>({}))));
    return rooms.map((room, index): RoomDirectoryEntry => {
      const info = details[index] ?? {};
      return {
        id: room.jid, title: info.name ?? room.name,
        ...(info.description ? { topic: info.description } : {}),
        ...(info.occupants !== undefined ? { memberCount: info.occupants } : {}),
      };
    });
  }

  /** §6.4: the room's disco#info; its muc#roominfo form says description and occupants. */
  private async roomInfo(jid: string): Promise<RoomInfo> {
    try {
      const info = await this.core.iq(xml('iq', { type: 'get', to: jid }, xml('query', { xmlns: NS.discoInfo })), `Asking ${jid} about itself`, INFO_TIMEOUT_MS);
      return readRoomInfo(child(info, 'query', NS.discoInfo));
    } catch {
      return {};
    }
  }
}

function itemJids(result: Element): string[] {
  return children(child(result, 'query', NS.discoItems), 'item', NS.discoItems).flatMap((item) => {
    const jid = attr(item, 'jid');
    return jid ? [jid] : [];
  });
}

/** A room's disco#info: the identity's name and the muc#roominfo fields (XEP-0045 §15.5.4). */
export function readRoomInfo(query: Element | undefined): RoomInfo {
  const identityName = attr(child(query, 'identity', NS.discoInfo) ?? xml('x'), 'name')?.trim().slice(0, 200);
  let description: string | undefined;
  let occupants: number | undefined;
  for (const form of children(query, 'x', NS.dataForms)) {
    const fields = children(form, 'field', NS.dataForms);
    const value = (name: string): string | undefined => childText(fields.find((field) => attr(field, 'var') === name), 'value', NS.dataForms)?.trim();
    if (value('FORM_TYPE') !== NS.mucRoomInfo) continue;
    description = value('muc#roominfo_description')?.slice(0, 1_000) || undefined;
    const count = Number(value('muc#roominfo_occupants') || Number.NaN);
    if (Number.isSafeInteger(count) && count >= 0) occupants = count;
  }
  return {
    ...(identityName ? { name: identityName } : {}),
    ...(description ? { description } : {}),
    ...(occupants !== undefined ? { occupants } : {}),
  };
}
