import type { BenchContext } from '../lib/context.js';

export function runUi(ctx: BenchContext): Promise<void> {
  ctx.log('ui: not written yet');
  return Promise.resolve();
}
