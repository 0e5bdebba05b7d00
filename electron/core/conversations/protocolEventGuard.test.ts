import { describe, expect, it } from 'vitest';
import { protocolEventProblem } from './protocolEventGuard.js';

describe('the event guard on history.gap', () => {
  it('accepts a gap with or without its older end', () => {
    expect(protocolEventProblem({ type: 'history.gap', conversationId: '#room', after: { networkId: 'a', timestamp: 1000 }, before: { networkId: 'b', timestamp: 5000 }, reason: 'the server returned at most 100 messages' })).toBeUndefined();
    expect(protocolEventProblem({ type: 'history.gap', conversationId: '#room', before: { timestamp: 5000 } })).toBeUndefined();
  });

  it('refuses a gap without a conversation or a real time, or whose ends are reversed', () => {
    expect(protocolEventProblem({ type: 'history.gap', before: { timestamp: 5000 } })).toMatch(/^history.gap: conversationId/);
    expect(protocolEventProblem({ type: 'history.gap', conversationId: '#room' })).toMatch(/before/);
    expect(protocolEventProblem({ type: 'history.gap', conversationId: '#room', before: { timestamp: Number.NaN } })).toMatch(/before.timestamp/);
    expect(protocolEventProblem({ type: 'history.gap', conversationId: '#room', before: { timestamp: Infinity } })).toMatch(/before.timestamp/);
    expect(protocolEventProblem({ type: 'history.gap', conversationId: '#room', before: { timestamp: 1, networkId: '' } })).toMatch(/before.networkId/);
    expect(protocolEventProblem({ type: 'history.gap', conversationId: '#room', after: { timestamp: 9000 }, before: { timestamp: 5000 } }))
      .toBe('history.gap: after after is later than before');
    expect(protocolEventProblem({ type: 'history.gap', conversationId: '#room', before: { timestamp: 5 }, reason: 'x'.repeat(2000) })).toMatch(/reason/);
  });
});

describe('the event guard on message.received', () => {
  const message = { conversationId: '#room', senderId: 'bob', senderName: 'bob', kind: 'text', body: 'hi', timestamp: 1000 };

  it('accepts a message with or without the catch-up flag (API 0.4)', () => {
    expect(protocolEventProblem({ type: 'message.received', message })).toBeUndefined();
    expect(protocolEventProblem({ type: 'message.received', message: { ...message, catchUp: true } })).toBeUndefined();
    expect(protocolEventProblem({ type: 'message.received', message: { ...message, catchUp: false } })).toBeUndefined();
  });

  it('refuses a catch-up flag that is no boolean', () => {
    expect(protocolEventProblem({ type: 'message.received', message: { ...message, catchUp: 'yes' } })).toMatch(/^message.received: message.catchUp/);
  });
});
