/**
 * The roster cache file (RFC 6121 §2.6): written whole and read back, and refused whole
 * when it is not exactly what we wrote for this account.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROSTER_CACHE_FILE, RosterCache, itemFromJson, parseRosterCache, serializeRosterCache, type CachedRoster } from './rosterCache.js';

const ME = 'me@example.org';
const ROSTER: CachedRoster = {
  jid: ME,
  ver: '7',
  items: [
    { jid: 'bob@example.org', name: 'Bobby', groups: ['Friends', 'Work'], subscription: 'both', askPending: false },
    { jid: 'carol@example.org', groups: [], subscription: 'none', askPending: true },
    { jid: 'news.example.org', groups: ['Feeds'], subscription: 'to', askPending: false },
  ],
};

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'switchboard-roster-cache-'));

describe('roster cache file', () => {
  it('reads back exactly what it wrote, and leaves no temporary file', async () => {
    const dir = tempDir();
    const cache = new RosterCache(dir, ME);
    expect(await cache.read()).toEqual({ ok: false, reason: 'absent' });
    await cache.write(ROSTER);
    expect(await cache.read()).toEqual({ ok: true, roster: ROSTER });
    expect(readdirSync(dir)).toEqual([ROSTER_CACHE_FILE]);
    // A later write replaces it; writes issued together end with the last one.
    const second = { ...ROSTER, ver: '8', items: ROSTER.items.slice(1) };
    const third = { ...ROSTER, ver: '9', items: ROSTER.items.slice(2) };
    await Promise.all([cache.write(second), cache.write(third)]);
    expect(await cache.read()).toEqual({ ok: true, roster: third });
    expect(readdirSync(dir)).toEqual([ROSTER_CACHE_FILE]);
    await cache.write(undefined);
    expect(readdirSync(dir)).toEqual([]);
    await cache.write(undefined); // removing what is not there is fine
    expect(await cache.read()).toEqual({ ok: false, reason: 'absent' });
  });

  it('creates the data folder when it does not exist yet', async () => {
    const dir = join(tempDir(), 'not', 'yet');
    await new RosterCache(dir, ME).write(ROSTER);
    expect(JSON.parse(readFileSync(join(dir, ROSTER_CACHE_FILE), 'utf8'))).toMatchObject({ jid: ME, ver: '7' });
  });

  it('a corrupt, truncated or unreadable file is refused with a reason, never thrown', async () => {
    const dir = tempDir();
    const cache = new RosterCache(dir, ME);
    const file = join(dir, ROSTER_CACHE_FILE);
    const text = serializeRosterCache(ROSTER);
    for (const broken of ['', '{', text.slice(0, text.length - 10), 'null', '[]', '"x"', '\u0000\u0001garbage']) {
      writeFileSync(file, broken);
      const reading = await cache.read();
      expect(reading.ok, broken).toBe(false);
    }
    // A folder where the file should be: unreadable.
    const other = tempDir();
    mkdirSync(join(other, ROSTER_CACHE_FILE));
    const unreadable = await new RosterCache(other, ME).read();
    expect(unreadable).toMatchObject({ ok: false });
    expect(unreadable.ok ? '' : unreadable.reason).toMatch(/cannot be read/);
  });

  it('refuses a copy of another account, another format, or without a version', () => {
    const text = serializeRosterCache(ROSTER);
    expect(parseRosterCache(text, ME)).toEqual({ ok: true, roster: ROSTER });
    expect(parseRosterCache(text, 'other@example.org')).toEqual({ ok: false, reason: 'it belongs to me@example.org, not other@example.org' });
    const value = JSON.parse(text) as Record<string, unknown>;
    expect(parseRosterCache(JSON.stringify({ ...value, format: 2 }), ME).ok).toBe(false);
    expect(parseRosterCache(JSON.stringify({ ...value, ver: '' }), ME).ok).toBe(false);
    expect(parseRosterCache(JSON.stringify({ ...value, ver: 7 }), ME).ok).toBe(false);
    expect(parseRosterCache(JSON.stringify({ ...value, items: {} }), ME).ok).toBe(false);
  });

  it('one malformed item makes the whole copy unusable', () => {
    const good = JSON.parse(serializeRosterCache(ROSTER)) as { items: Array<Record<string, unknown>> };
    const bad: Array<Record<string, unknown>> = [
      { jid: 'Bob@Example.org', groups: [], subscription: 'both', askPending: false }, // not normalized
      { jid: 'bob@example.org/phone', groups: [], subscription: 'both', askPending: false },
      { jid: 'bob@example.org', groups: [], subscription: 'remove', askPending: false },
      { jid: 'bob@example.org', groups: [' Friends'], subscription: 'both', askPending: false },
      { jid: 'bob@example.org', groups: ['a', 'a'], subscription: 'both', askPending: false },
      { jid: 'bob@example.org', groups: [3], subscription: 'both', askPending: false },
      { jid: 'bob@example.org', groups: [], subscription: 'both' },
      { jid: 'bob@example.org', name: '', groups: [], subscription: 'both', askPending: false },
      { jid: 'bob@example.org', name: 'x'.repeat(201), groups: [], subscription: 'both', askPending: false },
      { jid: ME, groups: [], subscription: 'both', askPending: false }, // ourselves
    ];
    for (const item of bad) {
      const text = JSON.stringify({ ...good, items: [...good.items, item] });
      expect(parseRosterCache(text, ME).ok, JSON.stringify(item)).toBe(false);
    }
    // The same JID twice.
    expect(parseRosterCache(JSON.stringify({ ...good, items: [...good.items, good.items[0]] }), ME).ok).toBe(false);
    expect(itemFromJson(good.items[0])).toEqual(ROSTER.items[0]);
  });
});
