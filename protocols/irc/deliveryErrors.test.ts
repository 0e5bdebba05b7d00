import { describe, expect, it } from 'vitest';
import { DEFAULT_NAME_RULES } from './names.js';
import { DeliveryErrors } from './deliveryErrors.js';

const numeric = (command: string, ...params: string[]) => ({ command, params: ['alice', ...params], tags: {} });

describe('DeliveryErrors', () => {
  it('tells the conversation once that a nick who is not online did not get the message', () => {
    const errors = new DeliveryErrors(DEFAULT_NAME_RULES);
    errors.written('Bob', 1_000);
    const verdict = errors.judge(numeric('401', 'Bob', 'No such nick/channel'), 1_100);
    expect(verdict).toEqual({
      ours: true,
      line: {
        conversationId: 'bob', senderId: 'bob', senderName: 'Bob', kind: 'event', timestamp: 1_100,
        body: 'Bob did not get your message (No such nick/channel): they are not on the network, and IRC keeps nothing for later.',
      },
    });
    // The flood of 401s that follows a burst of messages is one line, not hundreds.
    expect(errors.judge(numeric('401', 'Bob', 'No such nick/channel'), 2_000)).toEqual({ ours: true });
    expect(errors.judge(numeric('401', 'bob', 'No such nick/channel'), 12_000)).toMatchObject({ ours: true, line: { conversationId: 'bob' } });
  });

  it('says so for a channel that refuses the message', () => {
    const errors = new DeliveryErrors(DEFAULT_NAME_RULES);
    errors.written('#Quiet', 0);
    expect(errors.judge(numeric('404', '#Quiet', 'Cannot send to channel'), 10)).toMatchObject({
      ours: true, line: { conversationId: '#quiet', body: '#Quiet did not get your message (Cannot send to channel).' },
    });
  });

  it('leaves errors that are not about a recent message of ours to the server messages', () => {
    const errors = new DeliveryErrors(DEFAULT_NAME_RULES);
    expect(errors.judge(numeric('401', 'carol', 'No such nick/channel'), 0)).toEqual({ ours: false }); // e.g. a /whois
    errors.written('carol', 0);
    expect(errors.judge(numeric('401', 'carol', 'No such nick/channel'), 61_000)).toEqual({ ours: false });
    expect(errors.judge(numeric('403', 'carol', 'No such channel'), 10)).toEqual({ ours: false });
  });

  it('strips formatting from what the server echoes back', () => {
    const errors = new DeliveryErrors(DEFAULT_NAME_RULES);
    errors.written('\x02bob', 0);
    const verdict = errors.judge(numeric('401', '\x02bob', '\x0304No such nick'), 1);
    expect(verdict.ours && verdict.line?.body).toBe('bob did not get your message (No such nick): they are not on the network, and IRC keeps nothing for later.');
  });
});
