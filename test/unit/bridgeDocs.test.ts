import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderBridgeDocs } from '../../build/bridgeDocs.js';
import { requestNames, eventNames } from '../../electron/bridge/contract.js';
import { repoRoot } from '../support/paths.js';

const file = join(repoRoot, 'docs', 'bridge.md');

describe('bridge documentation', () => {
  it('is generated from the contract and up to date (npm run docs:bridge regenerates it)', () => {
    const generated = renderBridgeDocs();
    if (process.env['UPDATE_BRIDGE_DOCS'] === '1') writeFileSync(file, generated);
    expect(readFileSync(file, 'utf8')).toBe(generated);
  });

  it('documents every request and event', () => {
    const docs = renderBridgeDocs();
    for (const name of [...requestNames, ...eventNames]) expect(docs).toContain(`### \`${name}\``);
  });
});
