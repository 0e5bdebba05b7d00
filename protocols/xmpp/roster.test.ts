/**
 * Roster versioning (RFC 6121 §2.6) without a server: what the login asks, how each answer
 * is merged with the cached copy, pushes keeping the copy current, and every bad input
 * (corrupt copy, another account's copy, a full roster despite our version, no versioning,
 * a server answering nothing) falling back to a full download without losing anything.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConnectionContext, PluginStorage, ProtocolEvent } from '../api/index.js';
import { WireIds, type XmppCore } from './core.js';
import { Roster, applyPushItems, readRosterAnswer, rosterAfterLoad, type RosterItem } from './roster.js';
import { ROSTER_CACHE_FILE } from './rosterCache.js';
import { NS, Parser, attr, child, type Element } from './xml.js';

const ME = 'me@example.org';

function parse(text: string): Element {
  const parser = new Parser();
  let root: Element | undefined;
  parser.on('element', (element: Element) => { root = element; });
  parser.write(`<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>${text}`);
  if (!root) throw new Error(`no element in ${text}`);
  return root;
}

/** An account's durable state: plugin storage and data folder, shared by successive logins. */
interface Account {
  readonly dataDir: string;
  readonly storage: PluginStorage;
  readonly values: Map<string, unknown>;
}

function account(dataDir = mkdtempSync(join(tmpdir(), 'switchboard-roster-'))): Account {
  const values = new Map<string, unknown>();
  return {
    dataDir,
    values,
    storage: {
      get: (key) => Promise.resolve(values.has(key) ? structuredClone(values.get(key)) : undefined),
      set: (key, value) => { values.set(key, structuredClone(value)); return Promise.resolve(); },
      delete: (key) => { values.delete(key); return Promise.resolve(); },
    },
  };
}

interface Login {
  readonly roster: Roster;
  readonly events: ProtocolEvent[];
  readonly warnings: string[];
  /** The `ver` of each roster get sent: null when there was none. */
  readonly sentVers: Array<string | null>;
}

/** A roster over a fake core whose server answers each roster get with `answers` in turn. */
function login(state: Account, answers: Array<string | ((roster: Roster) => string)>, self = ME): Login {
  const events: ProtocolEvent[] = [];
  const warnings: string[] = [];
  const sentVers: Array<string | null> = [];
  const context: ConnectionContext = {
    accountId: 'test', settings: {}, emit: (event) => events.push(event),
    log: { debug: () => undefined, info: () => undefined, warn: (line) => warnings.push(line), error: (line) => warnings.push(line) },
    storage: state.storage,
    secrets: { get: () => Promise.resolve(undefined), set: () => Promise.resolve(), delete: () => Promise.resolve() },
    dataDir: state.dataDir,
  };
  const core: XmppCore = {
    context, log: context.log, selfBare: self, selfFull: () => `${self}/x`, emit: (event) => events.push(event),
    send: () => Promise.resolve(),
    iq: (element) => {
      const query = child(element, 'query', NS.roster);
      if (!query) return Promise.reject(new Error('unexpected iq'));
      sentVers.push(attr(query, 'ver') ?? null);
      const answer = answers.shift();
      if (answer === undefined) return Promise.reject(new Error('no more answers'));
      return Promise.resolve(parse(typeof answer === 'string' ? answer : answer(roster)));
    },
    wireIds: new WireIds('test'),
    ensureDirect: () => undefined,
    nameOf: (jid) => jid,
  };
  const roster: Roster = new Roster(core, () => ({ status: 'offline' }), () => false, () => false);
  return { roster, events, warnings, sentVers };
}

const FULL_V1 = `<iq type='result' id='r'><query xmlns='jabber:iq:roster' ver='1'>
  <item jid='bob@example.org' name='Bobby' subscription='both'><group>Friends</group><group>Work</group></item>
  <item jid='carol@example.org' subscription='none' ask='subscribe'/>
  <item jid='dave@example.org' subscription='from'><group>Work</group></item>
</query></iq>`;
const UNCHANGED = `<iq type='result' id='r'/>`;

const push = (ver: string | undefined, item: string, from?: string): Element =>
  parse(`<iq type='set' id='p'${from ? ` from='${from}'` : ''}><query xmlns='jabber:iq:roster'${ver !== undefined ? ` ver='${ver}'` : ''}>${item}</query></iq>`);

const upserted = (events: ProtocolEvent[]): unknown[] => events.filter((event) => event.type === 'contact.upserted');
const removed = (events: ProtocolEvent[]): string[] => events.flatMap((event) => (event.type === 'contact.removed' ? [event.contactId] : []));
const cacheFile = (state: Account): { ver: string; items: RosterItem[] } | undefined => {
  const file = join(state.dataDir, ROSTER_CACHE_FILE);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) as { ver: string; items: RosterItem[] } : undefined;
};

describe('roster answers and merging', () => {
  it('reads an empty result as unchanged, a query (even empty) as the whole roster', () => {
    expect(readRosterAnswer(parse(UNCHANGED), ME)).toEqual({ kind: 'unchanged' });
    expect(readRosterAnswer(parse(`<iq type='result'><query xmlns='jabber:iq:roster' ver='3'/></iq>`), ME))
      .toEqual({ kind: 'full', items: [], ver: '3', received: 0 });
    const full = readRosterAnswer(parse(`<iq type='result'><query xmlns='jabber:iq:roster'>
      <item jid='Bob@Example.org/x' name=' Bob '><group>a</group><group>a</group><group> </group></item>
      <item jid='${ME}'/><item jid='not a jid'/><item jid='eve@example.org' subscription='remove'/>
    </query></iq>`), ME);
    expect(full).toEqual({ kind: 'full', items: [{ jid: 'bob@example.org', name: 'Bob', groups: ['a'], subscription: 'none', askPending: false }], ver: undefined, received: 4 });
  });

  it('an unchanged answer stands for the cached copy; without one it is not trusted', () => {
    const cached = { jid: ME, ver: '4', items: [{ jid: 'bob@example.org', groups: [], subscription: 'both' as const, askPending: false }] };
    expect(rosterAfterLoad({ kind: 'unchanged' }, cached)).toEqual({ items: cached.items, ver: '4', source: 'cache', trusted: true });
    expect(rosterAfterLoad({ kind: 'unchanged' }, undefined)).toEqual({ items: [], ver: undefined, source: 'server', trusted: false });
    expect(rosterAfterLoad({ kind: 'full', items: [], ver: '5', received: 0 }, cached)).toEqual({ items: [], ver: '5', source: 'server', trusted: true });
  });

  it('pushes add, replace and remove items', () => {
    const items = new Map<string, RosterItem>([['bob@example.org', { jid: 'bob@example.org', groups: [], subscription: 'both', askPending: false }]]);
    const query = (text: string): Element => child(parse(`<iq type='set'><query xmlns='jabber:iq:roster'>${text}</query></iq>`), 'query', NS.roster) ?? parse('<x/>');
    expect(applyPushItems(items, query(`<item jid='bob@example.org' name='Robert' subscription='both'/>`), ME)).toEqual([{ jid: 'bob@example.org', name: 'Robert', groups: [], subscription: 'both', askPending: false }]);
    expect(applyPushItems(items, query(`<item jid='bob@example.org' subscription='remove'/>`), ME)).toEqual([{ removed: 'bob@example.org' }]);
    expect(applyPushItems(items, query(`<item jid='bob@example.org' subscription='remove'/>`), ME)).toEqual([]); // already gone
    expect(applyPushItems(items, query(`<item jid='${ME}'/>`), ME)).toEqual([]);
    expect(items.size).toBe(0);
  });
});

describe('roster versioning at login', () => {
  it('first login asks with ver="" and caches; the next gets "unchanged" and shows the same contacts', async () => {
    const state = account();
    const first = login(state, [FULL_V1]);
    await first.roster.load(true);
    expect(first.sentVers).toEqual(['']);
    expect(first.roster.lastLoad).toMatchObject({ sentVer: '', received: 3, source: 'server', contacts: 3, removed: 0 });
    expect(cacheFile(state)).toMatchObject({ ver: '1', items: [{ jid: 'bob@example.org' }, { jid: 'carol@example.org' }, { jid: 'dave@example.org' }] });
    expect(state.values.get('roster.jids')).toEqual(['bob@example.org', 'carol@example.org', 'dave@example.org']);

    const second = login(state, [UNCHANGED]);
    await second.roster.load(true);
    expect(second.sentVers).toEqual(['1']);
    expect(second.roster.lastLoad).toMatchObject({ sentVer: '1', received: 0, source: 'cache', contacts: 3, removed: 0 });
    expect(upserted(second.events)).toEqual(upserted(first.events));
    expect(upserted(second.events)).toContainEqual({
      type: 'contact.upserted',
      contact: { id: 'bob@example.org', displayName: 'Bobby', groups: ['Friends', 'Work'], presence: { status: 'offline' }, subscription: 'both' },
    });
    expect(upserted(second.events)).toContainEqual({
      type: 'contact.upserted',
      contact: { id: 'carol@example.org', displayName: 'carol', groups: [], presence: { status: 'offline' }, subscription: 'pending-out' },
    });
    expect(removed(second.events)).toEqual([]);
    expect(second.warnings).toEqual([]);
  });

  it('pushes after an unchanged answer (§2.6.3) add, rename and remove, and move the cached version', async () => {
    const state = account();
    await login(state, [FULL_V1]).roster.load(true);
    const second = login(state, [UNCHANGED]);
    await second.roster.load(true);
    expect(second.roster.onPush(push('2', `<item jid='erin@example.org' subscription='none'><group>New</group></item>`))).toBe(true);
    expect(second.roster.onPush(push('3', `<item jid='bob@example.org' name='Robert' subscription='both'><group>Friends</group></item>`))).toBe(true);
    expect(second.roster.onPush(push('4', `<item jid='dave@example.org' subscription='remove'/>`, ME))).toBe(true);
    expect(removed(second.events)).toEqual(['dave@example.org']);
    expect(second.events.at(-2)).toMatchObject({ type: 'contact.upserted', contact: { id: 'bob@example.org', displayName: 'Robert', groups: ['Friends'] } });
    await second.roster.flush();
    expect(cacheFile(state)?.ver).toBe('4');
    expect(cacheFile(state)?.items.map((item) => item.jid)).toEqual(['bob@example.org', 'carol@example.org', 'erin@example.org']);

    const third = login(state, [UNCHANGED]);
    await third.roster.load(true);
    expect(third.sentVers).toEqual(['4']);
    expect(upserted(third.events)).toContainEqual({
      type: 'contact.upserted',
      contact: { id: 'bob@example.org', displayName: 'Robert', groups: ['Friends'], presence: { status: 'offline' }, subscription: 'both' },
    });
    expect(third.roster.lastLoad).toMatchObject({ contacts: 3, removed: 0 });
  });

  it('pushes from anyone but our account are refused and change nothing', async () => {
    const state = account();
    const first = login(state, [FULL_V1]);
    await first.roster.load(true);
    expect(first.roster.onPush(push('99', `<item jid='mallory@example.org' subscription='both'/>`, 'mallory@example.org/x'))).toBe(false);
    expect(first.roster.onPush(push('99', `<item jid='bob@example.org' subscription='remove'/>`, 'example.org'))).toBe(false);
    await first.roster.flush();
    expect(first.roster.items.has('mallory@example.org')).toBe(false);
    expect(first.roster.items.has('bob@example.org')).toBe(true);
    expect(cacheFile(state)?.ver).toBe('1');
  });

  it('a push without a version leaves the copy at an unknown version: the next login downloads it whole', async () => {
    const state = account();
    const first = login(state, [FULL_V1]);
    await first.roster.load(true);
    first.roster.onPush(push(undefined, `<item jid='erin@example.org'/>`));
    await first.roster.flush();
    expect(cacheFile(state)).toBeUndefined();
    const second = login(state, [FULL_V1]);
    await second.roster.load(true);
    expect(second.sentVers).toEqual(['']);
    expect(removed(second.events)).toEqual(['erin@example.org']); // the server's roster is the truth
  });

  it('a full roster despite our version replaces the copy and removes contacts gone meanwhile', async () => {
    const state = account();
    await login(state, [FULL_V1]).roster.load(true);
    const second = login(state, [`<iq type='result'><query xmlns='jabber:iq:roster' ver='6'>
      <item jid='bob@example.org' name='Robert' subscription='both'/><item jid='frank@example.org' subscription='to'/>
    </query></iq>`]);
    await second.roster.load(true);
    expect(second.sentVers).toEqual(['1']);
    expect(second.roster.lastLoad).toMatchObject({ sentVer: '1', received: 2, source: 'server', contacts: 2, removed: 2 });
    expect(removed(second.events).sort()).toEqual(['carol@example.org', 'dave@example.org']);
    expect(cacheFile(state)).toMatchObject({ ver: '6', items: [{ jid: 'bob@example.org', name: 'Robert' }, { jid: 'frank@example.org' }] });
    expect(state.values.get('roster.jids')).toEqual(['bob@example.org', 'frank@example.org']);
  });

  it('a corrupt copy is not used: ver="" and a full download, contacts gone meanwhile still removed', async () => {
    const state = account();
    await login(state, [FULL_V1]).roster.load(true);
    writeFileSync(join(state.dataDir, ROSTER_CACHE_FILE), '{"format":1,"jid":"me@example.org","ver":"1","items":[{"jid":');
    const second = login(state, [`<iq type='result'><query xmlns='jabber:iq:roster' ver='2'><item jid='bob@example.org' subscription='both'/></query></iq>`]);
    await second.roster.load(true);
    expect(second.sentVers).toEqual(['']);
    expect(second.warnings.join('\n')).toMatch(/saved contact list is not used \(it is not JSON\)/);
    expect(removed(second.events).sort()).toEqual(['carol@example.org', 'dave@example.org']); // known from storage
    expect(cacheFile(state)?.ver).toBe('2');
  });

  it('a copy of another account is not used', async () => {
    const state = account();
    await login(state, [FULL_V1], 'someone@example.org').roster.load(true);
    const second = login(state, [FULL_V1]);
    await second.roster.load(true);
    expect(second.sentVers).toEqual(['']);
    expect(second.warnings.join('\n')).toMatch(/belongs to someone@example.org, not me@example.org/);
    expect(second.roster.lastLoad).toMatchObject({ received: 3, source: 'server' });
  });

  it('without versioning advertised, never sends ver and keeps no copy', async () => {
    const state = account();
    await login(state, [FULL_V1]).roster.load(true);
    expect(cacheFile(state)).toBeDefined();
    const plain = login(state, [FULL_V1]);
    await plain.roster.load(false);
    expect(plain.sentVers).toEqual([null]);
    expect(cacheFile(state)).toBeUndefined(); // a copy of a server that no longer versions would only be stale
    plain.roster.onPush(push('2', `<item jid='erin@example.org'/>`));
    await plain.roster.flush();
    expect(cacheFile(state)).toBeUndefined();
    expect(state.values.get('roster.jids')).toContain('erin@example.org');
  });

  it('without a data folder, never sends ver', async () => {
    const state = { ...account(), dataDir: '' };
    const plain = login(state, [FULL_V1]);
    await plain.roster.load(true);
    expect(plain.sentVers).toEqual([null]);
    expect(upserted(plain.events)).toHaveLength(3);
  });

  it('"unchanged" with no copy to stand for: asked again plainly; if still nothing, nothing is removed', async () => {
    const state = account();
    await login(state, [FULL_V1]).roster.load(false); // storage knows three contacts, no copy
    const retried = login(state, [UNCHANGED, FULL_V1]);
    await retried.roster.load(true);
    expect(retried.sentVers).toEqual(['', null]);
    expect(upserted(retried.events)).toHaveLength(3);
    expect(retried.roster.lastLoad).toMatchObject({ received: 3, source: 'server' });

    const broken = login(state, [UNCHANGED, UNCHANGED]);
    await broken.roster.load(false);
    expect(broken.sentVers).toEqual([null, null]);
    expect(removed(broken.events)).toEqual([]);
    expect(broken.warnings.join('\n')).toMatch(/sent no contact list/);
    await broken.roster.flush();
    expect(state.values.get('roster.jids')).toHaveLength(3); // what the core knows is kept
  });

  it('a push handled before the login roster is in place is applied on top of it', async () => {
    const state = account();
    await login(state, [FULL_V1]).roster.load(true);
    const second = login(state, [(roster) => {
      // The parser hands over the result and a push in one go: the push comes first to us.
      expect(roster.onPush(push('2', `<item jid='carol@example.org' subscription='remove'/>`))).toBe(true);
      return UNCHANGED;
    }]);
    await second.roster.load(true);
    expect(second.roster.items.has('carol@example.org')).toBe(false);
    expect(removed(second.events)).toEqual(['carol@example.org']);
    expect(upserted(second.events)).toHaveLength(2);
    expect(cacheFile(state)?.ver).toBe('2');
  });

  it('a cache write that fails is a warning, not a failed login', async () => {
    const state = account();
    writeFileSync(join(state.dataDir, 'blocker'), 'a file, not a folder');
    const blocked = { ...state, dataDir: join(state.dataDir, 'blocker') };
    const first = login(blocked, [FULL_V1]);
    await first.roster.load(true);
    expect(upserted(first.events)).toHaveLength(3);
    expect(first.warnings.join('\n')).toMatch(/could not save the contact list/);
  });
});
