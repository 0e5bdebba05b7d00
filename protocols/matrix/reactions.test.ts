/** The reactions remembered per message (reactions.ts): bounded, oldest forgotten first. */
import { describe, expect, it } from 'vitest';
import { ReactionTracker } from './reactions.js';

describe('ReactionTracker', () => {
  it('forgets the oldest reactions beyond its bound, and a message with none left entirely', () => {
    const tracker = new ReactionTracker(3);
    expect(tracker.add('$r1', { target: '$a', sender: '@bob:x', key: '👍' })).toEqual(['👍']);
    expect(tracker.add('$r2', { target: '$b', sender: '@bob:x', key: '🎉' })).toEqual(['🎉']);
    expect(tracker.add('$r3', { target: '$b', sender: '@bob:x', key: '❤️' })).toEqual(['🎉', '❤️']);
    expect(tracker.add('$r4', { target: '$c', sender: '@carol:x', key: '👀' })).toEqual(['👀']);
    expect(tracker.size).toBe(3);
    expect(tracker.has('$r1')).toBe(false);
    expect(tracker.setOf('$a', '@bob:x')).toEqual([]);
    // A redaction of a reaction still remembered changes its sender's set.
    expect(tracker.remove('$r2')).toMatchObject({ target: '$b', sender: '@bob:x', reactions: ['❤️'] });
    expect(tracker.remove('$r1')).toBeUndefined();
  });
});
