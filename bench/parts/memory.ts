import type { BenchContext } from '../lib/context.js';

export function runMemory(ctx: BenchContext): Promise<void> {
  ctx.log('memory: not written yet');
  return Promise.resolve();
}
