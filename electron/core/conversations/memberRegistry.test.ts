import { describe, expect, it } from 'vitest';
import { MemberRegistry } from './memberRegistry.js';

describe('MemberRegistry', () => {
  it('carries the account and bot flag to the bridge, and follows a change of account', () => {
    const registry = new MemberRegistry();
    const first = registry.apply(1, { type: 'members.changed', conversationId: '#room', reset: true, added: [
      { id: 'alice', displayName: 'alice', account: 'alice' }, { id: 'bot', displayName: 'bot', bot: true }, { id: 'bob', displayName: 'bob' },
    ] });
    expect(first.added).toEqual([{ id: 'alice', displayName: 'alice', account: 'alice' }, { id: 'bot', displayName: 'bot', bot: true }, { id: 'bob', displayName: 'bob' }]);
    registry.apply(1, { type: 'members.changed', conversationId: '#room', added: [{ id: 'alice', displayName: 'alice' }, { id: 'bob', displayName: 'bob', account: 'robert' }] });
    expect(registry.list(1)).toEqual([{ id: 'alice', displayName: 'alice' }, { id: 'bob', displayName: 'bob', account: 'robert' }, { id: 'bot', displayName: 'bot', bot: true }]);
  });
});
