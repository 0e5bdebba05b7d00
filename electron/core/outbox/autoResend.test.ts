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
    const taken = Array.from({ length: MAX_AUTOMATIC_RESENDS + 1 }, () => resend.shouldRequeue(inFlight(7), lost, true));
    expect(taken).toEqual([...Array<boolean>(MAX_AUTOMATIC_RESENDS).fill(true), false]);
  });

  it('starts counting again once the message was confirmed', () => {
    const resend = policy();
    for (let i = 0; i < MAX_AUTOMATIC_RESENDS; i++) resend.shouldRequeue(inFlight(7), lost, true);
    resend.settled(7);
    expect(resend.shouldRequeue(inFlight(7), lost, true)).toBe(true);
  });

  it('never takes back where a resend could double the message, a refusal, or a message not in flight', () => {
    const resend = policy();
    expect(resend.shouldRequeue(inFlight(7, 2), lost, true)).toBe(false);
    expect(resend.shouldRequeue(inFlight(7), { kind: 'protocol', message: 'refused' }, true)).toBe(false);
    expect(resend.shouldRequeue(inFlight(7), undefined, true)).toBe(false);
    expect(resend.shouldRequeue({ ...inFlight(7), status: 'queued' }, lost, true)).toBe(false);
    expect(resend.shouldRequeue({ ...inFlight(7), direction: 'in', status: 'received' }, lost, true)).toBe(false);
  });

  it('takes back a message that never went out in any conversation; counted only while the account is ready', () => {
    const resend = policy();
    const unsent = { kind: 'network', message: 'not connected', notSent: true } as const;
    // Conversation 2 is not resend-safe: what never went out cannot be doubled anyway.
    const offline = Array.from({ length: MAX_AUTOMATIC_RESENDS + 2 }, () => resend.shouldRequeue(inFlight(8, 2), unsent, false));
    expect(offline.every(Boolean)).toBe(true);
    const ready = Array.from({ length: MAX_AUTOMATIC_RESENDS + 1 }, () => resend.shouldRequeue(inFlight(8, 2), unsent, true));
    expect(ready).toEqual([...Array<boolean>(MAX_AUTOMATIC_RESENDS).fill(true), false]);
    // Failed as unconfirmed when the connection dropped, then proven never sent: back it goes.
    expect(resend.shouldRequeue({ ...inFlight(10, 2), status: 'failed' }, unsent, false)).toBe(true);
    expect(resend.shouldRequeue({ ...inFlight(10, 1), status: 'failed' }, lost, false)).toBe(false);
    // A file is not in the outbox (the drain would send its name as text): never taken back.
    const file = { ...inFlight(9, 2), attachments: [{ url: '', name: 'a.png', kind: 'image' as const }] };
    expect(resend.shouldRequeue(file, unsent, false)).toBe(false);
    expect(resend.shouldRequeue({ ...file, conversationId: 1 }, lost, true)).toBe(false);
  });
});
