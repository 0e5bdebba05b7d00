/** The sync position kept for catch-up, fed with what the server sent (a case the membership fuzzer found). */
import { describe, expect, it } from 'vitest';
import type { ConnectionContext } from '../api/index.js';
import { SeenTracker } from './history.js';

describe('SeenTracker', () => {
  it('ignores an event whose origin_server_ts is no number instead of throwing (the event was lost)', async () => {
    const saved: unknown[] = [];
    const storage = { get: () => Promise.resolve(undefined), set: (_key: string, value: unknown) => Promise.resolve(void saved.push(value)) };
    const seen = new SeenTracker({ storage } as unknown as ConnectionContext);
    seen.note('!room:localhost', '$a', 10);
    for (const ts of [JSON.parse('{"toString":1}'), '2024', Number.NaN]) {
      expect(() => seen.note('!room:localhost', '$b', ts as number)).not.toThrow();
    }
    expect(seen.get('!room:localhost')).toEqual({ id: '$a', ts: 10 });
    await seen.flush();
    expect(saved).toEqual([{ '!room:localhost': { id: '$a', ts: 10 } }]);
  });
});
