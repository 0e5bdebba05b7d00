import { describe, expect, it } from 'vitest';
import { parseRetentionDays } from './retentionActions.js';

describe('retention days typed in Settings', () => {
  it('takes whole days from 1 to 36,500 and says why anything else is refused', () => {
    expect(parseRetentionDays(' 30 ')).toEqual({ days: 30 });
    expect(parseRetentionDays('36500')).toEqual({ days: 36500 });
    expect(parseRetentionDays('0')).toEqual({ error: 'Keep messages between 1 and 36,500 days.' });
    expect(parseRetentionDays('99999')).toEqual({ error: 'Keep messages between 1 and 36,500 days.' });
    for (const bad of ['', '1.5', '-3', 'thirty', '1e3']) expect(parseRetentionDays(bad)).toEqual({ error: 'Type a whole number of days.' });
  });
});
