/** The sync position kept for catch-up, fed with what the server sent (a case the membership fuzzer found). */
import { describe, expect, it } from 'vitest';
import type { ConnectionContext } from '../api/index.js';
import { SeenTracker } from './history.js';

function tracker(saved: unknown[]): SeenTracker {
  const storage = { get: () => Promise.resolve(undefined), set: (_key: string, value: unknown) => Promise.resolve(void saved.push(value)) };
  return new SeenTracker({ storage } as unknown as ConnectionContext);
}

describe('SeenTracker', () => {
  it('takes an event whose origin_server_ts is no number without throwing (the event was lost)', async () => {
    const saved: unknown[] = [];
    const seen = tracker(saved);
    seen.note('!room:localhost', '$a', 10);
    for (const ts of [JSON.parse('{"toString":1}'), '2024', Number.NaN]) {
      expect(() => seen.note('!room:localhost', '$b', ts as number)).not.toThrow();
    }
    expect(seen.get('!room:localhost')).toEqual({ id: '$b', ts: 0 });
    await seen.flush();
    expect(saved).toEqual([{ '!room:localhost': { id: '$b', ts: 0 } }]);
  });

  it('keeps the event that came last, whatever time its server claims (a skewed clock must not pin catch-up)', () => {
    const seen = tracker([]);
    seen.note('!room:localhost', '$future', Date.now() + 1e12);
    seen.note('!room:localhost', '$next', 5);
    expect(seen.get('!room:localhost')?.id).toBe('$next');
  });
});
