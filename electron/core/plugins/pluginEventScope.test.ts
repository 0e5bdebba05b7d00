import { describe, expect, it } from 'vitest';
import type { ProtocolEvent } from '../../../protocols/api/index.js';
import { PluginEventScope } from './pluginEventScope.js';

// Two accounts on one plugin, one on another; message 7 is a's, 8 is c's; download d1 is a's; request r is open on c.
const owners: Record<string, string> = { a: 'one', b: 'one', c: 'two' };
function setup() {
  const violations: string[] = [];
  const scope = new PluginEventScope({
    pluginOfAccount: (accountId) => owners[accountId],
    accountOfMessage: (id) => ({ 7: 'a', 8: 'c' } as Record<number, string>)[id],
    accountOfDownload: (id) => (id === 'd1' ? 'a' : undefined),
    accountsWithRequest: (id) => (id === 'r' ? ['c'] : []),
  }, (pluginId, accountId, what) => violations.push(`${pluginId} ${accountId}: ${what}`));
  return { scope, violations };
}

const confirmed = (localId: string): ProtocolEvent => ({ type: 'message.confirmed', localId });

describe('PluginEventScope', () => {
  it('admits a plugin\'s events about its own accounts and ids', () => {
    const { scope, violations } = setup();
    const items = [
      { accountId: 'a', event: confirmed('7') },
      { accountId: 'a', event: { type: 'download.progress', downloadId: 'd1', receivedBytes: 1 } as ProtocolEvent },
      { accountId: 'c', event: { type: 'request.closed', requestId: 'r' } as ProtocolEvent },
      // An id the core does not know (already removed) is the ingest's business, not a violation.
      { accountId: 'b', event: confirmed('99') },
    ];
    expect(scope.admit('one', items.slice(0, 2))).toEqual(items.slice(0, 2));
    expect(scope.admit('two', items.slice(2, 3))).toHaveLength(1);
    expect(scope.admit('one', items.slice(3))).toHaveLength(1);
    expect(violations).toEqual([]);
  });

  it('drops and reports another plugin\'s account, and another account\'s ids even on the same plugin', () => {
    const { scope, violations } = setup();
    const admitted = scope.admit('one', [
      { accountId: 'c', event: { type: 'typing', conversationId: 'x', participantId: 'y', state: 'active' } },
      { accountId: 'b', event: confirmed('7') },
      { accountId: 'a', event: { type: 'message.failed', localId: '8', error: { kind: 'network', message: 'x' } } },
      { accountId: 'a', event: { type: 'message.received', message: {
        conversationId: 'x', senderId: 'me', senderName: 'me', kind: 'text', body: 'x', timestamp: 1, fromSelf: true, localId: '8',
      } } },
      { accountId: 'b', event: { type: 'download.progress', downloadId: 'd1', receivedBytes: 1 } },
      { accountId: 'a', event: { type: 'request.closed', requestId: 'r' } },
      { accountId: 'gone', event: confirmed('7') },
    ]);
    expect(admitted).toEqual([]);
    expect(violations).toEqual([
      'one c: sent a typing event for an account of another plugin',
      'one b: quoted a message of another account in a message.confirmed event',
      'one a: quoted a message of another account in a message.failed event',
      'one a: quoted a message of another account in a message.received event',
      'one b: reported progress of another account\'s download',
      'one a: closed a request of another account',
    ]);
  });

  it('lets a plugin use only its own accounts\' storage', () => {
    const { scope, violations } = setup();
    expect(scope.mayUseStorage('one', 'b')).toBe(true);
    expect(scope.mayUseStorage('one', 'c')).toBe(false);
    expect(violations).toEqual(['one c: used the storage of an account of another plugin']);
  });
});
