import type { BenchContext } from '../lib/context.js';

export function runRoster(ctx: BenchContext): Promise<void> {
  ctx.log('roster: not written yet');
  return Promise.resolve();
}
