// Types of test/runnerReport.mjs (plain JavaScript: test/runAll.mjs runs it with no build step).

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
  problems: string[];
}

/** What test/vitestFactsReporter.mjs writes. */
export interface VitestFacts {
  readonly reason: string;
  readonly unhandledErrors: readonly { readonly type: string; readonly message: string }[];
  readonly modules: readonly {
    readonly file: string;
    readonly project: string;
    readonly errors: readonly string[];
    readonly suites: readonly { readonly name: string; readonly errors: readonly string[] }[];
    readonly tests: readonly { readonly name: string; readonly state: 'passed' | 'failed' | 'skipped' | 'pending'; readonly error?: string }[];
  }[];
}

/** The parts of Playwright's JSON report that are counted. */
export interface PlaywrightSuite {
  readonly specs?: readonly { readonly file: string; readonly title: string; readonly tests: readonly { readonly status: string }[] }[];
  readonly suites?: readonly PlaywrightSuite[];
}
export interface PlaywrightReport {
  readonly stats: { readonly expected: number; readonly unexpected: number; readonly flaky: number; readonly skipped: number };
  readonly errors: readonly { readonly message?: string }[];
  readonly suites: readonly PlaywrightSuite[];
}

export type Runner = 'unit' | 'integration' | 'e2e';
export type Floors = Readonly<Record<Runner, number>>;

export const RUNNERS: readonly Runner[];
export function emptyCounts(): Counts;
export function executed(counts: Counts): number;
export function countVitest(facts: VitestFacts): { projects: Map<string, Counts>; run: Counts };
export function countPlaywright(report: PlaywrightReport): Counts;
export function readFloors(file: string): Floors;
export function belowFloor(runner: Runner, counts: Counts, floors: Floors): string | undefined;
export function totalsLine(totals: { readonly passed: number; readonly failed: number; readonly skipped: number }): string;
