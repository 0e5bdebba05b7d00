/**
 * The replay switch of test/support/fuzz.ts: FUZZ_CASE runs one case only together with the
 * FUZZ_SEED it failed with, and says so loudly; a FUZZ_CASE left over in the environment must
 * not shrink every fuzzer of a run to one case without a word.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fuzz, fuzzAsync } from '../support/fuzz.js';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** Runs a 20-case fuzzer and returns the case numbers it ran, and what it warned. */
function casesRun(): { cases: number[]; replay: boolean; warnings: string } {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const cases: number[] = [];
  const run = fuzz('sample', 20, 7, (_random, index) => { cases.push(index); });
  return { cases, replay: run.replay, warnings: warn.mock.calls.map((call) => call.join(' ')).join('\n') };
}

describe('fuzz replay (FUZZ_CASE)', () => {
  it('runs every case when FUZZ_CASE is left over without FUZZ_SEED, and says it was ignored', () => {
    vi.stubEnv('FUZZ_SEED', '');
    vi.stubEnv('FUZZ_CASE', '3');
    const { cases, replay, warnings } = casesRun();
    expect(cases).toHaveLength(20);
    expect(replay).toBe(false);
    expect(warnings).toMatch(/FUZZ_CASE=3 ignored/);
  });

  it('replays only the case asked for with its seed, and says loudly that the others did not run', () => {
    vi.stubEnv('FUZZ_SEED', '12345');
    vi.stubEnv('FUZZ_CASE', '3');
    const { cases, replay, warnings } = casesRun();
    expect(cases).toEqual([3]);
    expect(replay).toBe(true);
    expect(warnings).toMatch(/REPLAYING ONLY CASE 3 of 20 \(FUZZ_SEED=12345 FUZZ_CASE=3\)/);
  });

  it('refuses a case number that is not one of the cases', () => {
    vi.stubEnv('FUZZ_SEED', '12345');
    for (const wrong of ['20', '-1', '2.5', 'three']) {
      vi.stubEnv('FUZZ_CASE', wrong);
      expect(() => casesRun(), wrong).toThrow(/FUZZ_CASE must be an integer in \[0, 20\)/);
    }
  });

  it('replays a grouped case after the cases of its group before it', async () => {
    vi.stubEnv('FUZZ_SEED', '99');
    vi.stubEnv('FUZZ_CASE', '6');
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const cases: number[] = [];
    await fuzzAsync('grouped', 12, 7, (_random, index) => { cases.push(index); return Promise.resolve(); }, 4);
    expect(cases).toEqual([4, 5, 6]);
  });
});
