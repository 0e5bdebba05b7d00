import type { BenchContext } from '../lib/context.js';

export function runMembers(ctx: BenchContext): Promise<void> {
  ctx.log('members: not written yet');
  return Promise.resolve();
}
