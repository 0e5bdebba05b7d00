/**
 * History retention per account: keep forever (the default) or delete messages older than N
 * days. The policy is kept in the settings table; the deletion runs daily and on demand, and
 * the count of what it would delete can be asked first. Deleting a row fires the FTS delete
 * trigger (migration 0004), so deleted messages leave the search index with it; reactions
 * go by cascade. Messages still waiting in the outbox (queued, sending) are never deleted.
 */
import type { Database, Statement } from 'better-sqlite3';

const DAY_MS = 24 * 3600 * 1000;
const KEY_PREFIX = 'history.retention:';
/** Rows per DELETE: a long history goes in steps, each its own small transaction (the WAL stays small). */
const BATCH = 5000;

export interface RetentionPolicy {
  readonly accountId: string;
  /** Undefined: keep forever. */
  readonly days?: number;
}

export interface RetentionRun {
  readonly accountId: string;
  readonly deleted: number;
}

export class HistoryRetention {
  private readonly getStmt: Statement<[string], { value: string }>;
  private readonly setStmt: Statement<[string, string]>;
  private readonly clearStmt: Statement<[string]>;
  private readonly allStmt: Statement<[], { key: string; value: string }>;
  private readonly countStmt: Statement<[string, number], { n: number }>;
  private readonly deleteStmt: Statement<[string, number, number]>;

  constructor(db: Database) {
    this.getStmt = db.prepare('SELECT value FROM settings WHERE key = ?');
    this.setStmt = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.clearStmt = db.prepare('DELETE FROM settings WHERE key = ?');
    this.allStmt = db.prepare(`SELECT key, value FROM settings WHERE key LIKE '${KEY_PREFIX}%'`);
    const expired = `conversation_id IN (SELECT id FROM conversations WHERE account_id = ?) AND timestamp < ? AND status NOT IN ('queued', 'sending')`;
    this.countStmt = db.prepare(`SELECT count(*) AS n FROM messages WHERE ${expired}`);
    this.deleteStmt = db.prepare(`DELETE FROM messages WHERE id IN (SELECT id FROM messages WHERE ${expired} LIMIT ?)`);
  }

  policy(accountId: string): RetentionPolicy {
    const row = this.getStmt.get(KEY_PREFIX + accountId);
    const days = row === undefined ? undefined : Number(JSON.parse(row.value));
    return days !== undefined && Number.isInteger(days) && days > 0 ? { accountId, days } : { accountId };
  }

  /** Days ≥ 1, or undefined to keep forever. */
  setPolicy(accountId: string, days: number | undefined): void {
    if (days === undefined) {
      this.clearStmt.run(KEY_PREFIX + accountId);
      return;
    }
    if (!Number.isInteger(days) || days < 1) throw new Error('Keep messages for a whole number of days, at least 1.');
    this.setStmt.run(KEY_PREFIX + accountId, JSON.stringify(days));
  }

  /** Every account with a limit (accounts without one keep everything). */
  policies(): RetentionPolicy[] {
    return this.allStmt.all().map((row) => this.policy(row.key.slice(KEY_PREFIX.length))).filter((p) => p.days !== undefined);
  }

  /** How many messages a run would delete now (what the user is shown before deleting). */
  countExpired(accountId: string, days: number, now = Date.now()): number {
    return this.countStmt.get(accountId, now - days * DAY_MS)?.n ?? 0;
  }

  /** Deletes the account's messages older than `days`; returns how many. */
  deleteExpired(accountId: string, days: number, now = Date.now()): number {
    const before = now - days * DAY_MS;
    let deleted = 0;
    for (;;) {
      const { changes } = this.deleteStmt.run(accountId, before, BATCH);
      deleted += changes;
      if (changes < BATCH) return deleted;
    }
  }

  /** Applies every account's policy (the daily run). */
  run(now = Date.now()): RetentionRun[] {
    return this.policies().flatMap((p) => (p.days === undefined ? [] : [{ accountId: p.accountId, deleted: this.deleteExpired(p.accountId, p.days, now) }]));
  }
}

/** Runs retention a few minutes after start, then once a day. Returns the way to stop it. */
export function scheduleDailyRetention(retention: HistoryRetention, log: (line: string) => void): { stop(): void } {
  const tick = (): void => {
    try {
      for (const run of retention.run()) if (run.deleted > 0) log(`history retention deleted ${run.deleted} old messages of account ${run.accountId}`);
    } catch (error) {
      log(`history retention failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const first = setTimeout(tick, 5 * 60 * 1000); // not at once: start-up is busy enough
  const daily = setInterval(tick, DAY_MS);
  first.unref();
  daily.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(daily);
    },
  };
}
