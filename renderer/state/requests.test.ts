import { describe, expect, it } from 'vitest';
import { applyRequestEvents, resetRequests, withoutRequest } from './requests.js';
import { request } from './testData.js';

describe('requests', () => {
  it('adds, replaces by account and id, closes, and keeps them oldest first', () => {
    let state = resetRequests([request({ id: 'late', raisedAt: 50 }), request({ id: 'early', raisedAt: 10 })]);
    expect(state.list.map((item) => item.id)).toEqual(['early', 'late']);
    state = applyRequestEvents(state, [
      { type: 'request.raised', payload: { request: request({ id: 'early', raisedAt: 10, title: 'updated' }) } },
      { type: 'request.raised', payload: { request: request({ id: 'early', accountId: 'acc-2', raisedAt: 5 }) } },
      { type: 'request.closed', payload: { accountId: 'acc-1', requestId: 'late' } },
    ]);
    expect(state.list.map((item) => `${item.accountId}/${item.id}/${item.title}`)).toEqual([
      'acc-2/early/bob@example.org wants to see your presence', 'acc-1/early/updated',
    ]);
    expect(withoutRequest(state, 'acc-2', 'early').list.map((item) => item.accountId)).toEqual(['acc-1']);
    expect(applyRequestEvents(state, [{ type: 'account.removed', payload: { accountId: 'acc-1' } }]).list.map((item) => item.accountId)).toEqual(['acc-2']);
  });
});
