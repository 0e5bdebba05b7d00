/**
 * Blocking (XEP-0191): the blocklist at login, pushes from the server, block and unblock.
 */
import { ProtocolError } from '../api/index.js';
import type { XmppCore } from './core.js';
import { bare } from './jid.js';
import { NS, attr, child, children, xml, type Element } from './xml.js';

export class Blocklist {
  readonly blocked = new Set<string>();
  supported = true;

  constructor(private readonly core: XmppCore, private readonly changed: (jid: string) => void) {}

  /** §3.2: retrieve the list. */
  async load(): Promise<void> {
    try {
      const result = await this.core.iq(xml('iq', { type: 'get' }, xml('blocklist', { xmlns: NS.blocking })), 'Loading the block list');
      this.blocked.clear();
      for (const item of children(child(result, 'blocklist', NS.blocking), 'item', NS.blocking)) {
        const jid = bare(attr(item, 'jid'));
        if (jid) this.blocked.add(jid);
      }
    } catch (error: unknown) {
      this.supported = false;
      this.core.log.info(`XMPP: no block list: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** §3.3/§3.4 pushes (iq set with block/unblock from our server); false when not one. */
  onPush(iq: Element): boolean {
    const from = attr(iq, 'from');
    if (from !== undefined && bare(from) !== this.core.selfBare) return false;
    const block = child(iq, 'block', NS.blocking);
    const unblock = child(iq, 'unblock', NS.blocking);
    if (!block && !unblock) return false;
    const jids = children(block ?? unblock, 'item', NS.blocking).flatMap((item) => {
      const jid = bare(attr(item, 'jid'));
      return jid ? [jid] : [];
    });
    if (block) for (const jid of jids) this.blocked.add(jid);
    else if (jids.length === 0) this.blocked.clear(); // §3.4: unblock everything
    else for (const jid of jids) this.blocked.delete(jid);
    for (const jid of jids) this.changed(jid);
    return true;
  }

  async set(contactId: string, blocked: boolean): Promise<void> {
    const jid = bare(contactId.trim());
    if (!jid) throw new ProtocolError('protocol', `"${contactId}" is not an XMPP address.`);
    if (!this.supported) throw new ProtocolError('not-supported', 'This server does not support blocking (XEP-0191).');
    await this.core.iq(xml('iq', { type: 'set' }, xml(blocked ? 'block' : 'unblock', { xmlns: NS.blocking }, xml('item', { jid }))),
      `${blocked ? 'Blocking' : 'Unblocking'} ${jid}`);
    if (blocked) this.blocked.add(jid);
    else this.blocked.delete(jid);
    this.changed(jid);
  }
}
