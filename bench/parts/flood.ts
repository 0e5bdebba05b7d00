import type { BenchContext } from '../lib/context.js';

export function runFlood(ctx: BenchContext): Promise<void> {
  ctx.log('flood: not written yet');
  return Promise.resolve();
}
