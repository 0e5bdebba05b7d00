import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES } from '../../electron/bridge/preferences.js';
import type { NotifyLevel, NotifyRule } from '../../electron/bridge/notificationPreferences.js';
import {
  badgeTone, effectiveLevel, inQuietHours, muteUntil, notifyVerdict, type NotifyPreferences, type NotifyVerdict,
} from './notifyDecision.js';
import { editRule } from './notifyRuleEdits.js';
import { conversation, message } from './testData.js';

const room = conversation({ id: 1, kind: 'room' });
const direct = conversation({ id: 2, kind: 'direct', title: 'bob', networkId: 'bob' });
// A local noon; quiet hours are compared in local time.
const noon = new Date(2026, 11, 7, 12, 0);
const base: NotifyPreferences = { notifyLevel: DEFAULT_PREFERENCES.notifyLevel, notifyRules: {}, quietHours: DEFAULT_PREFERENCES.quietHours };

function prefs(over: { level?: NotifyLevel; account?: NotifyRule; conversation?: Record<number, NotifyRule> } = {}): NotifyPreferences {
  const rules: Record<string, NotifyRule> = {};
  if (over.account) rules['account:acc-1'] = over.account;
  for (const [id, rule] of Object.entries(over.conversation ?? {})) rules[`conversation:${id}`] = rule;
  return { ...base, notifyLevel: over.level ?? base.notifyLevel, notifyRules: rules };
}

const verdict = (preferences: NotifyPreferences, where: typeof room, mentioned: boolean, now = noon): NotifyVerdict =>
  notifyVerdict(preferences, { message: message({ conversationId: where.id }), conversation: where, mentioned, now });

describe('does this message notify?', () => {
  it('every level against every kind of message: direct, room with a mention, room without', () => {
    const table: Record<NotifyLevel, [boolean, boolean, boolean]> = {
      all: [true, true, true],
      'direct-and-mentions': [true, true, false],
      nothing: [false, false, false],
    };
    for (const [level, [inDirect, mentioned, plain]] of Object.entries(table) as [NotifyLevel, [boolean, boolean, boolean]][]) {
      // The same level set at each of the three places gives the same answers.
      for (const preferences of [prefs({ level }), prefs({ account: { level } }), prefs({ conversation: { 1: { level }, 2: { level } } })]) {
        expect([verdict(preferences, direct, false), verdict(preferences, room, true), verdict(preferences, room, false)].map((v) => v === 'notify'))
          .toEqual([inDirect, mentioned, plain]);
      }
    }
  });

  it('the conversation overrides the account, which overrides the default', () => {
    expect(effectiveLevel(prefs({ level: 'nothing' }), 'acc-1', 1)).toEqual({ level: 'nothing', from: 'default' });
    expect(effectiveLevel(prefs({ level: 'nothing', account: { level: 'all' } }), 'acc-1', 1)).toEqual({ level: 'all', from: 'account' });
    const both = prefs({ level: 'all', account: { level: 'all' }, conversation: { 1: { level: 'nothing' } } });
    expect(effectiveLevel(both, 'acc-1', 1)).toEqual({ level: 'nothing', from: 'conversation' });
    expect(verdict(both, room, true)).toBe('level');
    // The other conversation of the same account still notifies.
    expect(verdict(both, direct, false)).toBe('notify');
    // A conversation may notify more than its account.
    expect(verdict(prefs({ account: { level: 'nothing' }, conversation: { 1: { level: 'all' } } }), room, false)).toBe('notify');
    // Another account's rule does not apply.
    expect(verdict(prefs({ conversation: {} }), conversation({ id: 5, accountId: 'acc-2' }), true)).toBe('notify');
  });

  it('a mute, on the conversation or its account, silences until it runs out; "forever" until unmuted', () => {
    const inAnHour = noon.getTime() + 60 * 60 * 1000;
    for (const preferences of [prefs({ conversation: { 2: { muteUntil: inAnHour } } }), prefs({ account: { muteUntil: inAnHour } })]) {
      expect(verdict(preferences, direct, false)).toBe('muted');
      expect(verdict(preferences, direct, false, new Date(inAnHour + 1))).toBe('notify');
    }
    expect(verdict(prefs({ conversation: { 2: { level: 'all', muteUntil: 'forever' } } }), direct, false, new Date(2099, 0, 1))).toBe('muted');
    // A level without a mute is not muted; a level of "nothing" says so before the mute does.
    expect(verdict(prefs({ conversation: { 2: { level: 'all' } } }), direct, false)).toBe('notify');
    expect(verdict(prefs({ conversation: { 2: { level: 'nothing', muteUntil: 'forever' } } }), direct, false)).toBe('level');
  });

  it('quiet hours, in local time, also across midnight; an empty span never', () => {
    const at = (hours: number, minutes = 0): Date => new Date(2026, 11, 7, hours, minutes);
    const night = { enabled: true, from: '22:00', to: '07:00' };
    expect([at(21, 59), at(22, 0), at(23, 30), at(0, 0), at(6, 59), at(7, 0), at(12)].map((time) => inQuietHours(night, time)))
      .toEqual([false, true, true, true, true, false, false]);
    const lunch = { enabled: true, from: '12:00', to: '13:30' };
    expect([at(11, 59), at(12), at(13, 29), at(13, 30)].map((time) => inQuietHours(lunch, time))).toEqual([false, true, true, false]);
    expect(inQuietHours({ ...lunch, enabled: false }, at(12, 30))).toBe(false);
    expect(inQuietHours({ enabled: true, from: '09:00', to: '09:00' }, at(9))).toBe(false);
    const quiet = { ...prefs({ level: 'all' }), quietHours: lunch };
    expect(verdict(quiet, direct, false, at(12, 15))).toBe('quiet-hours');
    expect(verdict(quiet, direct, false, at(14))).toBe('notify');
  });

  it('only what someone else said notifies: not the user\u2019s own, events, notices or retractions', () => {
    const all = prefs({ level: 'all' });
    for (const over of [{ direction: 'out' as const }, { kind: 'event' as const }, { kind: 'notice' as const }, { deleted: true }]) {
      expect(notifyVerdict(all, { message: message({ ...over }), conversation: room, mentioned: true, now: noon })).toBe('not-notable');
    }
    expect(notifyVerdict(all, { message: message({ kind: 'action' }), conversation: room, mentioned: false, now: noon })).toBe('notify');
  });

  it('the unread badge is greyed exactly when nothing there notifies now', () => {
    const inAnHour = noon.getTime() + 60 * 60 * 1000;
    expect(badgeTone(prefs(), room, noon.getTime())).toBe('normal');
    expect(badgeTone(prefs({ conversation: { 1: { level: 'nothing' } } }), room, noon.getTime())).toBe('muted');
    expect(badgeTone(prefs({ account: { muteUntil: inAnHour } }), room, noon.getTime())).toBe('muted');
    expect(badgeTone(prefs({ account: { muteUntil: inAnHour } }), room, inAnHour)).toBe('normal');
  });

  it('mute choices end in 1 hour, 8 hours, tomorrow at 08:00 local, or never', () => {
    expect(muteUntil('1h', noon)).toBe(noon.getTime() + 3_600_000);
    expect(muteUntil('8h', noon)).toBe(noon.getTime() + 8 * 3_600_000);
    expect(new Date(muteUntil('tomorrow', new Date(2026, 11, 31, 23, 30)) as number)).toEqual(new Date(2027, 0, 1, 8, 0));
    expect(muteUntil('forever', noon)).toBe('forever');
  });

  it('editing a rule keeps its other half; an empty rule leaves the record', () => {
    let rules = editRule({}, 'conversation:1', { kind: 'level', level: 'nothing' }, noon);
    expect(rules).toEqual({ 'conversation:1': { level: 'nothing' } });
    rules = editRule(rules, 'conversation:1', { kind: 'mute', choice: 'forever' }, noon);
    expect(rules).toEqual({ 'conversation:1': { level: 'nothing', muteUntil: 'forever' } });
    rules = editRule(rules, 'conversation:1', { kind: 'level', level: undefined }, noon);
    expect(rules).toEqual({ 'conversation:1': { muteUntil: 'forever' } });
    expect(editRule(rules, 'conversation:1', { kind: 'unmute' }, noon)).toEqual({});
  });
});
