import { describe, expect, it } from 'vitest';
import type { Message } from '../model/message.js';
import { AutoResend, MAX_AUTOMATIC_RESENDS } from './autoResend.js';

const inFlight = (id: number, conversationId = 1): Message => ({
  id, conversationId, senderId: 'me', senderName: 'me', kind: 'text', body: 'hi', timestamp: 1, order: id, direction: 'out', status: 'sending',
});
const lost = { kind: 'network', message: 'connection lost' } as const;

describe('AutoResend', () => {
  const policy = (): AutoResend => new AutoResend((message) => message.conversationId === 1);

  it('takes back a lost message a few times, then leaves it failed', () => {
    const resend = policy();
    const taken = Array.from({ length: MAX_AUTOMATIC_RESENDS + 1 }, () => resend.shouldRequeue(inFlight(7), lost));
    expect(taken).toEqual([...Array<boolean>(MAX_AUTOMATIC_RESENDS).fill(true), false]);
  });

  it('starts counting again once the message was confirmed', () => {
    const resend = policy();
    for (let i = 0; i < MAX_AUTOMATIC_RESENDS; i++) resend.shouldRequeue(inFlight(7), lost);
    resend.settled(7);
    expect(resend.shouldRequeue(inFlight(7), lost)).toBe(true);
  });

  it('never takes back where a resend could double the message, a refusal, or a message not in flight', () => {
    const resend = policy();
    expect(resend.shouldRequeue(inFlight(7, 2), lost)).toBe(false);
    expect(resend.shouldRequeue(inFlight(7), { kind: 'protocol', message: 'refused' })).toBe(false);
    expect(resend.shouldRequeue(inFlight(7), undefined)).toBe(false);
    expect(resend.shouldRequeue({ ...inFlight(7), status: 'queued' }, lost)).toBe(false);
    expect(resend.shouldRequeue({ ...inFlight(7), direction: 'in', status: 'received' }, lost)).toBe(false);
  });
});
