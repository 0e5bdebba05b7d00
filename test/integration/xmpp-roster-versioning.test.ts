/**
 * Roster versioning (RFC 6121 §2.6) against a real Prosody, with a 2,000-contact roster:
 * the first login downloads it whole and caches it in the account's data folder; the next
 * one is answered "unchanged" (an empty result, no items) and shows the same buddy list
 * from the cache; changes another client of the same account made meanwhile (added,
 * renamed, removed) are all there after the next login, also removals; a push while online
 * moves the cached version; a corrupt cache falls back to a full download.
 *
 * "The buddy list" here is what a core that remembers contacts across logins would show:
 * every contact.upserted / contact.removed of every login applied in order, compared with
 * the roster the server gives an independent raw client.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProtocolEvent } from '../../protocols/api/index.js';
import type { RosterLoadReport } from '../../protocols/xmpp/roster.js';
import { ROSTER_CACHE_FILE } from '../../protocols/xmpp/rosterCache.js';
import { Parser, type Element } from '../../protocols/xmpp/xml.js';
import { createMemoryPersistence, type AccountPersistence } from '../conformance/index.js';
import { startXmppKit, type RawXmppClient, type XmppKit } from '../servers/prosody/xmppTestKit.js';

const USER = 'rita';
const CONTACTS = 2_000;
const lua = (text: string): string => JSON.stringify(text); // a JSON string (ASCII escapes only here) is a Lua string

interface Entry { readonly displayName: string; readonly groups: string; readonly subscription: string }
type BuddyList = Map<string, Entry>;

/** Apply one login's contact events to the list a core would keep. */
function apply(list: BuddyList, events: readonly ProtocolEvent[]): BuddyList {
  for (const event of events) {
    if (event.type === 'contact.upserted') {
      const { id, displayName, groups = [], subscription = 'none' } = event.contact;
      list.set(id, { displayName, groups: [...groups].sort().join('|'), subscription });
    } else if (event.type === 'contact.removed') {
      list.delete(event.contactId);
    }
  }
  return list;
}

const sorted = (list: BuddyList): Array<[string, Entry]> => [...list].sort(([a], [b]) => a.localeCompare(b));

function parseXml(text: string): Element {
  const parser = new Parser();
  let root: Element | undefined;
  parser.on('element', (element: Element) => { root = element; });
  parser.write(`<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>${text}`);
  if (!root) throw new Error(`not XML: ${text.slice(0, 200)}`);
  return root;
}

/** The server's roster as an independent client of the account reads it, as buddy-list entries. */
async function serverRoster(raw: RawXmppClient): Promise<BuddyList> {
  const result = parseXml(await raw.iq(`<iq type='get'><query xmlns='jabber:iq:roster'/></iq>`));
  const list: BuddyList = new Map();
  for (const item of result.getChild('query', 'jabber:iq:roster')?.getChildren('item') ?? []) {
    const jid = String(item.attrs['jid']);
    const name = item.attrs['name'] as string | undefined;
    const subscription = String(item.attrs['subscription'] ?? 'none');
    const pendingOut = item.attrs['ask'] === 'subscribe' && (subscription === 'none' || subscription === 'from');
    list.set(jid, {
      displayName: name ?? jid.split('@')[0] ?? jid,
      groups: item.getChildren('group').map((group) => group.text()).sort().join('|'),
      subscription: pendingOut ? 'pending-out' : subscription,
    });
  }
  return list;
}

/**
 * Prosody's stored roster for USER, written before its first login (as the roster bench
 * does): names, several groups, none / from subscriptions and pending requests. No 'to' or
 * 'both' with made-up accounts: Prosody would answer our probes with 'unsubscribed' and
 * change the roster under the test.
 */
function writeBigRoster(kit: XmppKit): void {
  const items: string[] = [];
  for (let i = 0; i < CONTACTS; i++) {
    const jid = `contact${String(i).padStart(4, '0')}@localhost`;
    const groups = [`Group ${i % 7}`, ...(i % 5 === 0 ? ['Favourites'] : [])].map((group) => `[${lua(group)}] = true;`).join(' ');
    const name = i % 4 === 0 ? '' : ` ["name"] = ${lua(`Contact ${i} O'Brien & co`)};`;
    const subscription = i % 3 === 0 ? 'from' : 'none';
    const ask = i % 11 === 0 ? ' ["ask"] = "subscribe";' : '';
    items.push(`\t[${lua(jid)}] = { ["subscription"] = ${lua(subscription)};${name}${ask} ["groups"] = { ${groups} }; };`);
  }
  const file = path.join(path.dirname(kit.prosody.configFile), 'data', 'localhost', 'roster', `${USER}.dat`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `return {\n\t[false] = { ["version"] = 1; ["pending"] = {}; };\n${items.join('\n')}\n};\n`);
}

describe('XMPP roster versioning (RFC 6121 §2.6)', () => {
  let kit: XmppKit;
  let raw: RawXmppClient;
  const persistence: AccountPersistence = createMemoryPersistence();
  const buddyList: BuddyList = new Map();
  const cacheFile = (): string => path.join(persistence.dataDir, ROSTER_CACHE_FILE);

  beforeAll(async () => {
    kit = await startXmppKit();
    await kit.user(USER);
    await kit.user('bob');
    writeBigRoster(kit);
    // One real mutual subscription, so that 'both' and bob's presence are in the picture.
    raw = await kit.raw(USER, 'other');
    const bob = await kit.raw('bob');
    for (const [from, to] of [[raw, 'bob@localhost'], [bob, `${USER}@localhost`]] as const) {
      await from.iq(`<iq type='set'><query xmlns='jabber:iq:roster'><item jid='${to}'${to === 'bob@localhost' ? " name='Bob'" : ''}><group>Real</group></item></query></iq>`);
      from.send(`<presence to='${to}' type='subscribe'/>`);
    }
    await raw.waitFor(/<presence [^>]*type=['"]subscribe['"]/);
    raw.send(`<presence to='bob@localhost' type='subscribed'/>`);
    await bob.waitFor(/<presence [^>]*type=['"]subscribe['"]/);
    bob.send(`<presence to='${USER}@localhost' type='subscribed'/>`);
    await raw.waitFor(/<item (?=[^>]*jid=['"]bob@localhost['"])(?=[^>]*subscription=['"]both['"])/);
  }, 60_000);
  afterAll(async () => {
    await kit.stop();
  });

  /** One login with the account's persistent state; returns its roster report and events. */
  async function login(resource: string): Promise<{ report: RosterLoadReport; events: ProtocolEvent[] }> {
    const account = await kit.online(USER, { resource }, persistence);
    const report = account.xmpp.rosterLoad();
    if (!report) throw new Error('no roster report');
    const events = [...account.events];
    await account.connection.disconnect();
    apply(buddyList, events);
    return { report, events };
  }

  const cachedVersion = (): string => (JSON.parse(readFileSync(cacheFile(), 'utf8')) as { ver: string }).ver;

  it('downloads once, then logs in from the cache; offline changes, pushes and a corrupt cache all end equal to the server', async () => {
    const truth = await serverRoster(raw);
    expect(truth.size).toBe(CONTACTS + 1);

    // 1. First login: the whole roster, asked with ver='' (we had nothing), then cached.
    const first = await login('first');
    expect(first.report).toMatchObject({ sentVer: '', received: CONTACTS + 1, source: 'server', contacts: CONTACTS + 1, removed: 0 });
    expect(sorted(buddyList)).toEqual(sorted(truth));
    const version1 = cachedVersion();
    expect(version1).not.toBe('');
    expect((JSON.parse(readFileSync(cacheFile(), 'utf8')) as { items: unknown[] }).items).toHaveLength(CONTACTS + 1);

    // 2. Second login: asked with that version, answered with an empty result; same contacts.
    const second = await login('second');
    expect(second.report).toMatchObject({ sentVer: version1, received: 0, source: 'cache', contacts: CONTACTS + 1, removed: 0 });
    const upserts = (events: ProtocolEvent[]): BuddyList => apply(new Map(), events.filter((event) => event.type === 'contact.upserted'));
    expect(sorted(upserts(second.events))).toEqual(sorted(upserts(first.events)));
    expect(sorted(buddyList)).toEqual(sorted(truth));
    expect(cachedVersion()).toBe(version1);

    // 3. Another client of the same account changes the roster while we are offline.
    await raw.iq(`<iq type='set'><query xmlns='jabber:iq:roster'><item jid='newcomer@localhost' name='Newcomer'><group>Added</group><group>Group 1</group></item></query></iq>`);
    await raw.iq(`<iq type='set'><query xmlns='jabber:iq:roster'><item jid='contact0001@localhost' name='Renamed One'><group>Moved</group></item></query></iq>`);
    await raw.iq(`<iq type='set'><query xmlns='jabber:iq:roster'><item jid='contact0002@localhost' subscription='remove'/></query></iq>`);
    await raw.iq(`<iq type='set'><query xmlns='jabber:iq:roster'><item jid='bob@localhost' name='Robert'><group>Real</group></item></query></iq>`);
    const changed = await serverRoster(raw);
    expect(changed.get('contact0001@localhost')?.displayName).toBe('Renamed One');
    expect(changed.has('contact0002@localhost')).toBe(false);

    const third = await login('third');
    // Prosody answers a stale version with the whole roster (RFC 6121 §2.6.3 allows pushes too).
    expect(third.report).toMatchObject({ sentVer: version1, source: 'server', received: CONTACTS + 1, contacts: CONTACTS + 1, removed: 1 });
    expect(third.events).toContainEqual({ type: 'contact.removed', contactId: 'contact0002@localhost' });
    expect(buddyList.get('contact0001@localhost')).toEqual({ displayName: 'Renamed One', groups: 'Moved', subscription: 'none' });
    expect(buddyList.get('newcomer@localhost')).toEqual({ displayName: 'Newcomer', groups: 'Added|Group 1', subscription: 'none' });
    expect(buddyList.get('bob@localhost')).toEqual({ displayName: 'Robert', groups: 'Real', subscription: 'both' });
    expect(sorted(buddyList)).toEqual(sorted(changed));
    const version2 = cachedVersion();
    expect(version2).not.toBe(version1);

    // 4. A change while online arrives as a push with its version; the next login is "unchanged" again.
    const online = await kit.online(USER, { resource: 'fourth' }, persistence);
    await raw.iq(`<iq type='set'><query xmlns='jabber:iq:roster'><item jid='contact0003@localhost' subscription='remove'/></query></iq>`);
    await online.waitForEvent('contact.removed', (event) => event.contactId === 'contact0003@localhost');
    await online.connection.disconnect(); // saves the pushed version
    apply(buddyList, online.events);
    const version3 = cachedVersion();
    expect(version3).not.toBe(version2);
    const fifth = await login('fifth');
    expect(fifth.report).toMatchObject({ sentVer: version3, received: 0, source: 'cache', contacts: CONTACTS });
    const afterPush = await serverRoster(raw);
    expect(afterPush.has('contact0003@localhost')).toBe(false);
    expect(sorted(buddyList)).toEqual(sorted(afterPush));

    // 5. A corrupt cache: asked with ver='' and downloaded whole, with a warning; nothing lost.
    writeFileSync(cacheFile(), readFileSync(cacheFile(), 'utf8').slice(0, 5_000));
    const account = await kit.online(USER, { resource: 'sixth' }, persistence);
    const sixth = account.xmpp.rosterLoad();
    expect(account.warnings.join('\n')).toMatch(/saved contact list is not used \(it is not JSON\)/);
    await account.connection.disconnect();
    apply(buddyList, account.events);
    expect(sixth).toMatchObject({ sentVer: '', received: CONTACTS, source: 'server', contacts: CONTACTS, removed: 0 });
    expect(sorted(buddyList)).toEqual(sorted(afterPush));
    expect(cachedVersion()).toBe(version3);

    const figures: Array<[string, RosterLoadReport | undefined]> = [
      ['first login', first.report], ['second login', second.report], ['after offline changes', third.report],
      ['after a push', fifth.report], ['corrupt cache', sixth],
    ];
    console.log(`XMPP roster versioning (Prosody, ${CONTACTS + 1} contacts): ${figures.map(([what, report]) =>
      `${what}: ${report?.received ?? '?'} item(s) downloaded, contacts from the ${report?.source ?? '?'}, roster step ${report?.ms ?? '?'} ms`).join('; ')}`);
  });
});
