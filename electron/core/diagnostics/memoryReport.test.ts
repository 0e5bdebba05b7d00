/** The memory report splits the resident set as Linux counts it: anonymous and file-backed pages add up to the RSS. */
import { platform } from 'node:os';
import { describe, expect, it } from 'vitest';
import { memoryReport } from './memoryReport.js';

describe('memoryReport', () => {
  it.runIf(platform() === 'linux')('splits the RSS into anonymous and file-backed memory, with the thread count', () => {
    const report = memoryReport([{ id: 'irc', state: 'idle', runtime: 'worker' }]);
    const split = report.rssSplit;
    expect(split).toBeDefined();
    if (split === undefined) return;
    expect(split.anonBytes).toBeGreaterThan(report.heapUsedBytes / 2);
    expect(split.fileBytes).toBeGreaterThan(0);
    // RssShmem is the third part; the two read a moment apart from process.memoryUsage().
    expect(Math.abs(split.anonBytes + split.fileBytes - report.rssBytes)).toBeLessThan(report.rssBytes * 0.1);
    expect(split.threads).toBeGreaterThanOrEqual(1);
    expect(report.plugins).toEqual([{ id: 'irc', state: 'idle', runtime: 'worker' }]);
  });
});
