/**
 * The Matrix homeservers the shared tests run against, one after the other in a test file:
 * Synapse and Dendrite by default; `SWITCHBOARD_MATRIX_SERVERS=synapse` (comma-separated)
 * narrows the list, e.g. for a quick local run.
 *
 * Where Dendrite lacks a feature a test needs, the test is skipped there with the reason
 * printed (test/support/unsupportedOn.ts), never silently.
 */
import { DENDRITE_START_TIMEOUT_MS, startDendrite } from './dendrite.js';
import type { MatrixServerKind, RunningMatrixServer } from './matrixServer.js';
import { startSynapse } from './synapse.js';

const ALL: readonly MatrixServerKind[] = ['synapse', 'dendrite'];

function chosen(): readonly MatrixServerKind[] {
  const wanted = process.env.SWITCHBOARD_MATRIX_SERVERS?.split(',').map((name) => name.trim()).filter((name) => name !== '');
  if (wanted === undefined || wanted.length === 0) return ALL;
  const unknown = wanted.filter((name) => !ALL.some((kind) => kind === name));
  if (unknown.length > 0) throw new Error(`SWITCHBOARD_MATRIX_SERVERS names ${unknown.join(', ')}; known: ${ALL.join(', ')}`);
  return ALL.filter((kind) => wanted.includes(kind));
}

export const MATRIX_SERVERS: readonly MatrixServerKind[] = chosen();

export const MATRIX_SERVER_TITLES: Readonly<Record<MatrixServerKind, string>> = { synapse: 'Synapse', dendrite: 'Dendrite' };

export function startMatrixServer(kind: MatrixServerKind): Promise<RunningMatrixServer> {
  return kind === 'synapse' ? startSynapse() : startDendrite();
}

/** The timeout for the hook that starts `kind`: Dendrite's first start on a machine builds it. */
export function startTimeoutMs(kind: MatrixServerKind): number {
  return kind === 'dendrite' ? DENDRITE_START_TIMEOUT_MS : 60_000;
}
