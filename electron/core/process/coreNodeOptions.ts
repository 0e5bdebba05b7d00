/**
 * Options for the Node runtime the core runs in (the desktop app's utility process, headless mode: `npm run serve` and every
 * test and benchmark that starts it, test/support/headlessCore.ts).
 *
 * `--max-semi-space-size=8` (MiB): V8's default lets the main thread's young generation grow
 * to two 16 MiB semi-spaces during a flood or a roster download, and they stayed committed
 * afterwards: `npm run bench -- memory` found new_space at 32.0 MiB committed with 1.1 MiB in
 * use, the largest single item of the core's heap. Plugin workers are capped the same way
 * (pluginHost.ts, maxYoungMb). V8 reads it when the heap is set up, so it must be given on
 * the command line (v8.setFlagsFromString at run time changes nothing).
 */
export const CORE_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=8'];

/**
 * The core's environment beyond the user's (whose own values win). `MALLOC_ARENA_MAX=2`:
 * glibc gives each thread that allocates an arena of its own (up to 8 per core), and what a
 * thread frees stays resident in its arena; the core runs 13 threads (main, libuv's pool,
 * V8's platform threads, one per plugin worker). With two arenas `npm run bench -- memory`
 * found the core's RSS with everything loaded 209 → 192 MiB and its peak 218 → 202 MiB
 * (medians of 5 runs with glibc's default and 6 with two arenas, under other work's load;
 * 11–28 MiB less in each of 5 alternating pairs). Only glibc reads it, when the process
 * starts; `npm run serve` cannot set it portably (Windows' cmd), so on Linux it is
 * `MALLOC_ARENA_MAX=2 npm run serve`.
 */
export const CORE_ENVIRONMENT: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };
