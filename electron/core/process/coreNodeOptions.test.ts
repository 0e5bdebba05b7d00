/** `npm run serve` starts the core with the same Node options as the tests and benchmarks do (coreNodeOptions.ts). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../test/support/paths.js';
import { CORE_NODE_OPTIONS } from './coreNodeOptions.js';

describe('CORE_NODE_OPTIONS', () => {
  it('are the options npm run serve gives node', () => {
    const scripts = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['serve']).toContain(`node ${CORE_NODE_OPTIONS.join(' ')} dist/core/serve.js`);
  });
});
