/**
 * The StatusService over a real profile database and preferences, with a stand-in for the
 * account manager (which accounts exist and are online, what their plugins were asked):
 * what each account is told, restored across a restart, with auto-away on a fake clock.
 */
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionArgs, ConnectionMethod, PluginManifest } from '../../../protocols/api/index.js';
import { parseConnectionResult } from '../../../protocols/api/validation/index.js';
import { EventBatcher } from '../bridge/eventBatcher.js';
import { PreferencesService } from '../preferences/preferencesService.js';
import { migrate } from '../store/migrator.js';
import { migrations } from '../store/migrations/index.js';
import { PreferencesRepository } from '../store/preferencesRepository.js';
import { PageActivity } from './idleSource.js';
import { StatusService } from './statusService.js';

const MANIFESTS: Record<string, Pick<PluginManifest, 'name' | 'capabilities'>> = {
  irc: { name: 'IRC', capabilities: { presence: true } },
  xmpp: { name: 'XMPP', capabilities: { presence: true, invisible: true } },
};

function setup(db = new BetterSqlite3(':memory:')) {
  if (Number(db.pragma('user_version', { simple: true })) === 0) migrate(db, migrations);
  const events = new EventBatcher(1, 1000);
  const preferences = new PreferencesService(new PreferencesRepository(db), events, () => undefined);
  const online = new Set(['irc-1', 'xmpp-1']);
  const told: [string, unknown][] = [];
  const holds: string[] = [];
  let outcome: unknown = null;
  const ref: { status?: StatusService } = {};
  const accounts = {
    list: () => [{ id: 'irc-1' }, { id: 'xmpp-1' }] as never[],
    manifestOf: (id: string) => MANIFESTS[id.split('-')[0] ?? ''] as PluginManifest,
    isOnline: (id: string) => online.has(id),
    call: <M extends ConnectionMethod>(id: string, method: M, args: ConnectionArgs<M>) => {
      told.push([id, args[0]]);
      return Promise.resolve(parseConnectionResult(method, outcome ?? null));
    },
    applyHold: (id: string) => {
      if (ref.status?.holdsOffline(id) === true) holds.push(id);
      return Promise.resolve();
    },
    notePresence: () => undefined,
  };
  const page = new PageActivity(() => Date.now());
  const status = new StatusService({ preferences, accounts, events, idle: page, minuteMs: 1000, log: () => undefined });
  // Both accounts logged in (as the account manager reports it): they show the default, available.
  ref.status = status;
  for (const id of online) void status.cameOnline(id);
  const settle = () => vi.advanceTimersByTimeAsync(0);
  return { db, status, preferences, page, told, holds, online, settle, setOutcome: (value: unknown) => { outcome = value; } };
}

beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
afterEach(() => vi.useRealTimers());

describe('StatusService', () => {
  it('tells every account the global status, except one with its own, and again after a reconnect', async () => {
    const { status, told, settle } = setup();
    status.setAccount('irc-1', { status: 'busy', message: 'focus' });
    status.set({ status: 'away', message: ' lunch ' });
    await settle();
    expect(told).toEqual([['irc-1', { status: 'busy', message: 'focus' }], ['xmpp-1', { status: 'away', message: 'lunch' }]]);
    told.length = 0;
    status.set({ status: 'away', message: 'lunch' }); // unchanged: nothing sent
    await settle();
    expect(told).toEqual([]);
    void status.cameOnline('xmpp-1'); // the server forgot it
    await settle();
    expect(told).toEqual([['xmpp-1', { status: 'away', message: 'lunch' }]]);
    status.dispose();
  });

  it('keeps the status in the profile: after a restart Offline still holds every account offline', async () => {
    const first = setup();
    first.status.set({ status: 'offline' });
    await first.settle();
    expect(first.holds.sort()).toEqual(['irc-1', 'xmpp-1']);
    first.status.dispose();
    const again = setup(first.db);
    expect(again.status.view().global).toEqual({ status: 'offline' });
    expect(again.status.holdsOffline('irc-1')).toBe(true);
    again.status.set({ status: 'available' });
    expect(again.status.holdsOffline('irc-1')).toBe(false);
    again.status.dispose();
  });

  it('auto-away: Away with its message after the idle time, only over Available, back at the next input', async () => {
    const { status, preferences, page, told, settle } = setup();
    preferences.set({ autoAwayMinutes: 2, autoAwayMessage: 'afk' });
    status.setAccount('irc-1', { status: 'available', message: 'mine' }); // set by hand: stays
    await settle();
    told.length = 0;
    await vi.advanceTimersByTimeAsync(2000);
    expect(status.view().autoAway).toBe(true);
    expect(told).toEqual([['xmpp-1', { status: 'away', message: 'afk' }]]);
    page.note();
    await settle();
    expect(status.view().autoAway).toBe(false);
    expect(told).toEqual([['xmpp-1', { status: 'away', message: 'afk' }], ['xmpp-1', { status: 'available' }]]);
    // Busy set by hand: idle changes nothing.
    status.set({ status: 'busy' });
    await settle();
    told.length = 0;
    await vi.advanceTimersByTimeAsync(5000);
    expect(status.view().autoAway).toBe(false);
    expect(told).toEqual([]);
    status.dispose();
  });

  it('shows what a network made of the status: IRC cannot hide, an XMPP server without XEP-0186 says why', async () => {
    const { status, told, setOutcome, settle } = setup();
    setOutcome({ note: 'no XEP-0186 here' });
    status.set({ status: 'invisible' });
    await settle();
    expect(told).toEqual([['xmpp-1', { status: 'invisible' }]]); // IRC stays as it was: available
    expect(status.view().notes).toEqual({
      'irc-1': 'IRC cannot hide a connected user: you are visible as available there. Set IRC accounts Offline to leave.',
      'xmpp-1': 'no XEP-0186 here',
    });
    status.dispose();
  });
});
