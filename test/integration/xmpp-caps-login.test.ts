/**
 * XEP-0115 caps at login against a real Prosody: its PEP (mod_pep) looks up the caps hash
 * of an available presence for every contact that receives it, and caches the hash only
 * after the first disco#info answer. All contacts receive the initial presence at once, so
 * before the fix every contact cost one disco#info round trip (5,001 for a 5,000-contact
 * roster). Now the login makes Prosody ask once (live.ts, announceCapsFirst), and the
 * contacts still see the user online.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startXmppKit, type RawXmppClient, type XmppKit } from '../servers/prosody/xmppTestKit.js';

const USER = 'capsuser';
const CONTACTS = ['bob', 'carol', 'dave', 'erin', 'fran'];

/** `a` and `b` subscribe to each other's presence (RFC 6121 §3.1), both raw clients. */
async function mutual(a: RawXmppClient, aJid: string, b: RawXmppClient, bJid: string): Promise<void> {
  for (const [from, to] of [[a, bJid], [b, aJid]] as const) {
    await from.iq(`<iq type='set'><query xmlns='jabber:iq:roster'><item jid='${to}'/></query></iq>`);
    from.send(`<presence to='${to}' type='subscribe'/>`);
  }
  await a.waitFor(new RegExp(`<presence (?=[^>]*from=['"]${bJid})(?=[^>]*type=['"]subscribe['"])`));
  a.send(`<presence to='${bJid}' type='subscribed'/>`);
  await b.waitFor(new RegExp(`<presence (?=[^>]*from=['"]${aJid})(?=[^>]*type=['"]subscribe['"])`));
  b.send(`<presence to='${aJid}' type='subscribed'/>`);
  await a.waitFor(new RegExp(`<item (?=[^>]*jid=['"]${bJid}['"])(?=[^>]*subscription=['"]both['"])`));
}

describe('XMPP caps at login', () => {
  let kit: XmppKit;
  let watcher: RawXmppClient;
  beforeAll(async () => {
    kit = await startXmppKit({}, 60_000);
    await kit.user(USER);
    const self = await kit.raw(USER, 'setup');
    for (const name of CONTACTS) {
      const contact = await kit.raw(name, 'setup');
      await mutual(self, `${USER}@localhost`, contact, `${name}@localhost`);
      await contact.close();
    }
    await self.close();
    // One contact online, to see the user come online as a contact would.
    watcher = await kit.raw('bob', 'watching');
  }, 120_000);
  afterAll(async () => {
    await kit.stop();
  });

  it(`makes Prosody look up our caps once, not once per contact (${CONTACTS.length} contacts), and contacts see us online`, async () => {
    const account = await kit.online(USER, { resource: 'pc' });
    // bob's presence answers our probe, sent after the broadcast that would have made the lookups.
    await account.waitForEvent('presence.changed', (event) => event.contactId === 'bob@localhost' && event.presence.status === 'available');
    await watcher.waitFor(new RegExp(`<presence (?=[^>]*from=['"]${USER}@localhost/pc['"])(?![^>]*type=)`));
    expect(account.xmpp.discoQueriesAnswered()).toBe(1);
  }, 60_000);
});
