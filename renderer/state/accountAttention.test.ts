import { describe, expect, it } from 'vitest';
import { accountStatusText, accountsNeedingAttention, canReconnectNow } from './accountAttention.js';
import { account } from './testData.js';

describe('accounts that need the user', () => {
  const online = account({ id: 'on' });
  const failed = account({ id: 'bad', state: 'failed', error: { kind: 'auth', message: 'Wrong password' } });
  const waiting = account({ id: 'wait', state: 'reconnecting', retryAt: 12_000, error: { kind: 'network', message: 'Connection refused' } });
  const disabled = account({ id: 'off', enabled: false, state: 'offline' });
  const connecting = account({ id: 'c', state: 'connecting' });

  it('are the failing and reconnecting ones, in the accounts\' order', () => {
    expect(accountsNeedingAttention([online, waiting, disabled, failed, connecting]).map((item) => item.id)).toEqual(['wait', 'bad']);
  });

  it('read their state in words, a disabled account as "Disabled"', () => {
    expect(accountStatusText(disabled, 0)).toBe('Disabled');
    expect(accountStatusText(account({ state: 'offline' }), 0)).toBe('Offline');
    expect(accountStatusText(waiting, 7_000)).toBe('Reconnecting in 5 s…');
    expect(accountStatusText(failed, 0)).toBe('Failed');
  });

  it('offer "Reconnect now" only while enabled and failing or waiting', () => {
    expect([online, failed, waiting, disabled, connecting, { ...failed, enabled: false }].map(canReconnectNow)).toEqual([false, true, true, false, false, false]);
  });
});
