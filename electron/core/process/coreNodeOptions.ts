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
