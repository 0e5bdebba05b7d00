import type { Database } from 'better-sqlite3';

/** One schema step. Versions are consecutive from 1; a migration never changes once shipped. */
export interface Migration {
  readonly version: number;
  /** File name without extension, for logs. */
  readonly name: string;
  up(db: Database): void;
}
