/**
 * Seeded fuzzing for the parsers' fuzz tests. Every case has its own PRNG, derived from the
 * run's seed and the case number, so one failing case can be replayed alone:
 * `FUZZ_SEED=<seed> FUZZ_CASE=<n> npx vitest run --project unit <file>` (the failure
 * message prints both; FUZZ_CASE without FUZZ_SEED is ignored, with a warning). Without
 * FUZZ_SEED each fuzzer uses its fixed default seed, so
 * `npm test` is deterministic; set FUZZ_SEED=random to explore new cases.
 */

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

/** mulberry32: small, fast and good enough to spread cases; not for anything secret. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(items.length)] as T;
    },
  };
}

/** The seed of this run: FUZZ_SEED (a number, or `random`), else the fuzzer's default. */
export function fuzzSeed(defaultSeed: number, env: NodeJS.ProcessEnv = process.env): number {
  const wanted = env['FUZZ_SEED'];
  if (wanted === undefined || wanted === '') return defaultSeed;
  if (wanted === 'random') return Math.floor(Math.random() * 2 ** 32);
  const seed = Number(wanted);
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) throw new Error(`FUZZ_SEED must be an integer in [0, 2^32) or "random", not "${wanted}"`);
  return seed;
}

/** Case `index` of a run gets its own seed, so replaying it does not need the cases before it. */
function caseSeed(seed: number, index: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
}

export interface FuzzRun {
  readonly seed: number;
  readonly cases: number;
  readonly ms: number;
  readonly cpuMs: number;
  /** Only FUZZ_CASE ran: the run's coverage figures (how many links, …) mean nothing. */
  readonly replay: boolean;
}

/**
 * The case FUZZ_CASE asks to replay, or undefined for all of them. Honoured only with a
 * FUZZ_SEED number: a case number means nothing without its seed, and a FUZZ_CASE left over
 * in a shell must not quietly shrink every fuzzer of a run to one case.
 */
export function replayedCase(name: string, count: number, env: NodeJS.ProcessEnv = process.env): number | undefined {
  const only = env['FUZZ_CASE'];
  if (only === undefined || only === '') return undefined;
  const seed = env['FUZZ_SEED'];
  if (seed === undefined || seed === '' || seed === 'random') {
    console.warn(`fuzz ${name}: FUZZ_CASE=${only} ignored: it replays a case only together with the FUZZ_SEED it failed with; running all ${count} cases`);
    return undefined;
  }
  const index = Number(only);
  if (!Number.isInteger(index) || index < 0 || index >= count) throw new Error(`FUZZ_CASE must be an integer in [0, ${count}), not "${only}"`);
  return index;
}

/**
 * The cases to run: all of them, or only the replayed case (with the cases of its group
 * before it, when cases build on each other in groups of `group`), said loudly.
 */
function caseIndexes(name: string, count: number, group = 1): number[] {
  const index = replayedCase(name, count);
  if (index === undefined) return Array.from({ length: count }, (_, i) => i);
  const first = group <= 1 ? index : index - (index % group);
  console.warn(`\n*** fuzz ${name}: REPLAYING ONLY CASE ${index} of ${count}${first < index ? ` (after cases ${first}–${index - 1} of its group)` : ''} `
    + `(FUZZ_SEED=${String(process.env['FUZZ_SEED'])} FUZZ_CASE=${index}); the other cases do not run. Unset FUZZ_CASE for a full run. ***\n`);
  return Array.from({ length: index - first + 1 }, (_, offset) => first + offset);
}

function failed(name: string, seed: number, index: number, error: unknown): Error {
  const reason = error instanceof Error ? error.message : String(error);
  return new Error(`fuzz ${name}: case ${index} failed (replay: FUZZ_SEED=${seed} FUZZ_CASE=${index}): ${reason}`, { cause: error });
}

function finished(name: string, seed: number, count: number, indexes: readonly number[], started: number, cpuBefore: NodeJS.CpuUsage): FuzzRun {
  const cpu = process.cpuUsage(cpuBefore);
  const run = { seed, cases: indexes.length, ms: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000, replay: indexes.length !== count };
  // CPU time beside wall time: on a loaded machine the wall time says little about the fuzzer.
  console.log(`fuzz ${name}: ${run.cases} cases, seed ${seed}, ${(run.ms / 1000).toFixed(1)} s (CPU ${(run.cpuMs / 1000).toFixed(1)} s)`);
  return run;
}

/**
 * Run `count` cases of `body` (or only case FUZZ_CASE). A case that throws fails the run
 * with the seed and case number to replay it; the seed is printed either way.
 */
export function fuzz(name: string, count: number, defaultSeed: number, body: (random: Random, index: number) => void): FuzzRun {
  const seed = fuzzSeed(defaultSeed);
  const indexes = caseIndexes(name, count);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  for (const index of indexes) {
    try {
      body(seededRandom(caseSeed(seed, index)), index);
    } catch (error) {
      throw failed(name, seed, index, error);
    }
  }
  return finished(name, seed, count, indexes, started, cpuBefore);
}

/**
 * {@link fuzz} for a body that is async (each case awaited before the next starts). With
 * `group`, cases build on the ones before them in groups of that many (case 0 to group-1 on
 * one room, say): FUZZ_CASE then runs its group's cases from the first up to itself.
 */
export async function fuzzAsync(
  name: string, count: number, defaultSeed: number, body: (random: Random, index: number) => Promise<void>, group = 1,
): Promise<FuzzRun> {
  const seed = fuzzSeed(defaultSeed);
  const indexes = caseIndexes(name, count, group);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  for (const index of indexes) {
    try {
      await body(seededRandom(caseSeed(seed, index)), index);
    } catch (error) {
      throw failed(name, seed, index, error);
    }
  }
  return finished(name, seed, count, indexes, started, cpuBefore);
}

/** A string of `length` random UTF-16 code units, lone surrogates included. */
export function randomUnits(random: Random, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) {
    const roll = random.next();
    // Mostly ASCII (where the syntax is), some BMP, some surrogates (paired or not).
    const unit = roll < 0.6 ? random.int(0x80) : roll < 0.85 ? random.int(0x10000) : 0xd800 + random.int(0x800);
    text += String.fromCharCode(unit);
  }
  return text;
}
