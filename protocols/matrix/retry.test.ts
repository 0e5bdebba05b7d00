/** The retry policy of queued messages: 429s are waited out as asked, but not for ever. */
import { MatrixError } from 'matrix-js-sdk';
import { describe, expect, it } from 'vitest';
import { toProtocolError } from './errors.js';
import { sendRetryDelayMs } from './retry.js';

const rateLimited = new MatrixError({ errcode: 'M_LIMIT_EXCEEDED', error: 'Too Many Requests', retry_after_ms: 1_500 }, 429);

describe('sendRetryDelayMs', () => {
  it('waits as long as a 429 asks', () => {
    expect(sendRetryDelayMs(rateLimited, 1, 0)).toBe(1_500);
    expect(sendRetryDelayMs(rateLimited, 40, 9 * 60_000)).toBe(1_500);
  });

  it('gives up on a homeserver that has answered 429 for ten minutes, and says why', () => {
    expect(sendRetryDelayMs(rateLimited, 41, 10 * 60_000)).toBe(-1);
    const reason = toProtocolError(rateLimited, 'send the message');
    expect(reason.kind).toBe('rate-limited');
    expect(reason.message).toMatch(/slow down/);
  });
});
