/** When a start may trust a clean close instead of reading the whole file (cleanClose.ts). */
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { breakSeal, CHECK_AT_LEAST_EVERY_MS, SEAL_SUFFIX, sealClosed } from './cleanClose.js';

const NOW = Date.UTC(2026, 11, 7);

function sealedFile(checkedAt = NOW - 1_000): string {
  const file = join(mkdtempSync(join(tmpdir(), 'switchboard-seal-')), 'switchboard.sqlite');
  writeFileSync(file, Buffer.alloc(8192, 1));
  sealClosed(file, checkedAt);
  return file;
}

describe('the clean-close seal', () => {
  it('lets one start skip the check when the file is as it was closed, and is gone after it', () => {
    const file = sealedFile();
    expect(breakSeal(file, NOW)).toBe(NOW - 1_000);
    expect(existsSync(file + SEAL_SUFFIX)).toBe(false);
    expect(breakSeal(file, NOW)).toBeUndefined();
  });

  it('asks for the check when the file changed size, a write-ahead log waits, or the last check is a week old', () => {
    const grown = sealedFile();
    appendFileSync(grown, 'x');
    expect(breakSeal(grown, NOW)).toBeUndefined();

    const withLog = sealedFile();
    writeFileSync(`${withLog}-wal`, 'frames');
    expect(breakSeal(withLog, NOW)).toBeUndefined();

    expect(breakSeal(sealedFile(NOW - CHECK_AT_LEAST_EVERY_MS), NOW)).toBeUndefined();
    expect(breakSeal(sealedFile(NOW + 60_000), NOW), 'a check "in the future" (the clock moved back)').toBeUndefined();
  });

  it('asks for the check when the seal is not one it wrote, or the file is gone', () => {
    const file = sealedFile();
    const seal = JSON.parse(readFileSync(file + SEAL_SUFFIX, 'utf8')) as Record<string, unknown>;
    writeFileSync(file + SEAL_SUFFIX, JSON.stringify({ ...seal, mtimeMs: 'yesterday' }));
    expect(breakSeal(file, NOW)).toBeUndefined();
    writeFileSync(file + SEAL_SUFFIX, '{"size": 8192, "mtim');
    expect(breakSeal(file, NOW)).toBeUndefined();
    expect(breakSeal(join(tmpdir(), 'no-such-profile', 'switchboard.sqlite'), NOW)).toBeUndefined();
  });
});
