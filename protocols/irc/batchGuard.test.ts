import { afterEach, describe, expect, it } from 'vitest';
import type { IrcMessage } from 'irc-framework';
import { BatchGuard } from './batchGuard.js';

const line = (command: string, params: string[], batch?: string): IrcMessage => ({ command, params, tags: batch !== undefined ? { batch } : {} });
const guards: BatchGuard[] = [];
afterEach(() => {
  for (const guard of guards.splice(0)) guard.clear();
});

function guard(limits: Partial<ConstructorParameters<typeof BatchGuard>[1]> = {}): { guard: BatchGuard; closed: { id: string; why: string }[] } {
  const closed: { id: string; why: string }[] = [];
  const created = new BatchGuard((id, why) => closed.push({ id, why }), { maxLines: 1_000, maxBytes: 1_000_000, maxOpenMs: 60_000, maxOpen: 20, ...limits });
  guards.push(created);
  return { guard: created, closed };
}

describe('BatchGuard', () => {
  it('closes a batch the server never ends after the time bound, and lets its late lines through alone', async () => {
    const { guard: g, closed } = guard({ maxOpenMs: 50 });
    g.onLine(line('BATCH', ['+x', 'example/thing']), 30);
    g.onLine(line('PRIVMSG', ['alice', 'held'], 'x'), 30);
    const start = Date.now();
    while (closed.length === 0 && Date.now() - start < 5_000) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(closed).toEqual([{ id: 'x', why: 'it was still open after 0.05 s' }]);
    const late = line('PRIVMSG', ['alice', 'late'], 'x');
    g.onLine(late, 30);
    expect(late.tags['batch']).toBeUndefined();
    expect(g.openCount()).toBe(0);
  });

  it('closes a batch that grows past its size before the line that overflows it, by lines or by bytes', () => {
    const { guard: g, closed } = guard({ maxLines: 3, maxBytes: 100 });
    g.onLine(line('BATCH', ['+a', 'x']), 10);
    for (let i = 0; i < 3; i++) g.onLine(line('PRIVMSG', ['alice', `${i}`], 'a'), 10);
    expect(closed).toHaveLength(0);
    const fourth = line('PRIVMSG', ['alice', '3'], 'a');
    g.onLine(fourth, 10);
    expect(closed.map((c) => c.id)).toEqual(['a']);
    expect(fourth.tags['batch']).toBeUndefined();
    g.onLine(line('BATCH', ['+b', 'x']), 10);
    g.onLine(line('PRIVMSG', ['alice', 'big'], 'b'), 101);
    expect(closed.map((c) => c.id)).toEqual(['a', 'b']);
  });

  it('keeps at most maxOpen batches open, closing the oldest first; a batch the server ends is forgotten', () => {
    const { guard: g, closed } = guard({ maxOpen: 2 });
    g.onLine(line('BATCH', ['+1', 'x']), 10);
    g.onLine(line('BATCH', ['+2', 'x']), 10);
    g.onLine(line('BATCH', ['-2']), 10);
    g.onLine(line('BATCH', ['+3', 'x']), 10);
    expect(closed).toHaveLength(0);
    g.onLine(line('BATCH', ['+4', 'x']), 10);
    expect(closed.map((c) => c.id)).toEqual(['1']);
    expect(g.openCount()).toBe(2);
  });
});
