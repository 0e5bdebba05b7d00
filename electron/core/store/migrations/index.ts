import type { Migration } from './migration.js';
import { migration0001Initial } from './0001-initial.js';

/** Every migration, in order. Append only. */
export const migrations: readonly Migration[] = [migration0001Initial];
