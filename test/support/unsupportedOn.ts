/**
 * Tests that run on several servers of one protocol, where one server lacks what a test
 * needs: there the test is skipped with the reason in its name and printed once, never
 * silently (issue 20: "skip that test there with the reason printed").
 *
 * ```ts
 * const itUnless = unsupportedOn('Dendrite', kind === 'dendrite' ? 'no knock endpoint' : undefined);
 * itUnless('knocks', async () => { … });
 * ```
 */
import { it } from 'vitest';

type TestBody = () => Promise<void>;

/** `it`, or when `reason` says why `server` cannot run the test, a skipped test naming the reason. */
export function unsupportedOn(server: string, reason: string | undefined): (name: string, body: TestBody, timeoutMs?: number) => void {
  if (reason === undefined) return (name, body, timeoutMs) => it(name, body, timeoutMs);
  return (name) => {
    console.log(`[${server}] skipped "${name}": ${reason}`);
    it.skip(`${name} (skipped on ${server}: ${reason})`, () => undefined);
  };
}
