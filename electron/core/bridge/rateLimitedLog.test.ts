import { describe, expect, it } from 'vitest';
import { rateLimitedLog } from './rateLimitedLog.js';

describe('rate-limited log', () => {
  it('writes the first lines of a window, says once that the rest are not, and counts them in the next window', () => {
    const lines: string[] = [];
    let time = 0;
    const log = rateLimitedLog((line) => lines.push(line), 'bad frames', { lines: 3, windowMs: 1000, now: () => time });
    for (let i = 0; i < 10_000; i++) log(`bad ${i}`);
    expect(lines).toEqual(['bad 0', 'bad 1', 'bad 2', 'further bad frames are not logged for 1 s']);
    time = 1000;
    log('bad again');
    expect(lines.slice(4)).toEqual(['9997 more bad frames were not logged', 'bad again']);
  });
});
