import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES } from '../../bridge/preferences.js';
import { EventBatcher } from '../bridge/eventBatcher.js';
import { migrate } from '../store/migrator.js';
import { migrations } from '../store/migrations/index.js';
import { PreferencesRepository } from '../store/preferencesRepository.js';
import { PreferencesService } from './preferencesService.js';

function setup() {
  const db = new BetterSqlite3(':memory:');
  migrate(db, migrations);
  const events = new EventBatcher(1, 1000);
  const sent: unknown[] = [];
  events.subscribe((batch) => sent.push(...batch));
  const log: string[] = [];
  const open = () => new PreferencesService(new PreferencesRepository(db), events, (line) => log.push(line));
  return { db, events, sent, log, open };
}

describe('preferences', () => {
  it('starts from the defaults, keeps a change across a restart, and tells windows and listeners', () => {
    const { events, sent, open } = setup();
    const first = open();
    expect(first.get()).toEqual(DEFAULT_PREFERENCES);
    const heard: string[][] = [];
    first.onChange((_, changed) => heard.push([...changed]));
    const after = first.set({ autoAwayMinutes: 3, showOffline: false, buddySort: DEFAULT_PREFERENCES.buddySort });
    expect(after).toEqual({ ...DEFAULT_PREFERENCES, autoAwayMinutes: 3, showOffline: false });
    expect(heard).toEqual([['autoAwayMinutes', 'showOffline']]);
    events.flush();
    expect(sent).toEqual([{ type: 'preferences.changed', payload: { preferences: after } }]);
    expect(open().get()).toEqual(after);
  });

  it('sends nothing when nothing changes, and forgets a value set back to its default', () => {
    const { db, events, sent, open } = setup();
    const service = open();
    service.set({ density: 'compact' });
    service.set({ density: 'roomy' });
    service.set({ density: 'roomy' });
    events.flush();
    expect(sent).toHaveLength(2);
    expect(db.prepare('SELECT COUNT(*) AS n FROM preferences').get()).toEqual({ n: 0 });
  });

  it('reads a stored value this version cannot use as the default, and says so, without losing the others', () => {
    const { db, log, open } = setup();
    db.prepare('INSERT INTO preferences (key, value) VALUES (?, ?), (?, ?), (?, ?)')
      .run('buddySort', '"by-mood"', 'autoAwayMinutes', '7', 'fromTheFuture', 'true');
    expect(open().get()).toEqual({ ...DEFAULT_PREFERENCES, autoAwayMinutes: 7 });
    expect(log).toEqual(['Preference "buddySort" had a value this version cannot use; using the default.']);
  });
});

describe('a change from a window', () => {
  it('is refused whole when a key is unknown or a value out of range', async () => {
    const { preferencesPatchSchema } = await import('../../bridge/preferences.js');
    expect(preferencesPatchSchema.safeParse({ autoAwayMinutes: 5 }).success).toBe(true);
    expect(preferencesPatchSchema.safeParse({ autoAwayMinutes: -1 }).success).toBe(false);
    expect(preferencesPatchSchema.safeParse({ density: 'cosy' }).success).toBe(false);
    expect(preferencesPatchSchema.safeParse({ autoAwayMinutes: 5, sneaky: true }).success).toBe(false);
  });
});
