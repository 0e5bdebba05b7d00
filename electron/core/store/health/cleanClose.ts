/**
 * Whether the start-up check (quick_check, one read of the whole file) may be skipped.
 * It costs about a second per 200 MiB, so with years of history every start would wait on
 * it; but what it guards against, a file damaged while Switchboard was not writing it
 * (a crash mid-write, a truncating copy, another program), leaves signs:
 *
 * - closing the database cleanly writes a seal beside it with the file's size and
 *   modification time and when it was last checked; opening removes the seal, so a crash
 *   leaves none;
 * - a start skips the check only when the seal is there, the file's size and time are
 *   exactly as sealed, no write-ahead log is waiting to be replayed, and the last check is
 *   less than a week old (damage that changes neither size nor time, a failing disk, is
 *   found by the weekly check).
 */
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';

/** Beside the database: `switchboard.sqlite.sealed`. */
export const SEAL_SUFFIX = '.sealed';

/** How long a clean close may stand in for the check. */
export const CHECK_AT_LEAST_EVERY_MS = 7 * 24 * 60 * 60 * 1000;

interface Seal {
  readonly size: number;
  readonly mtimeMs: number;
  /** When the file was last checked (ms since the epoch). */
  readonly checkedAt: number;
}

function readSeal(path: string): Seal | undefined {
  try {
    const seal = JSON.parse(readFileSync(path, 'utf8')) as Partial<Seal> | null;
    const { size, mtimeMs, checkedAt } = seal ?? {};
    return typeof size === 'number' && typeof mtimeMs === 'number' && typeof checkedAt === 'number' ? { size, mtimeMs, checkedAt } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Removes the seal and says when the file was last checked, if it is exactly as it was
 * closed and that check is recent; undefined when the file must be checked now.
 */
export function breakSeal(file: string, now: number): number | undefined {
  const path = file + SEAL_SUFFIX;
  if (!existsSync(path)) return undefined;
  const seal = readSeal(path);
  rmSync(path, { force: true });
  if (seal === undefined || !existsSync(file)) return undefined;
  const stat = statSync(file);
  const wal = `${file}-wal`;
  const walWaiting = existsSync(wal) && statSync(wal).size > 0;
  const recent = seal.checkedAt <= now && now - seal.checkedAt < CHECK_AT_LEAST_EVERY_MS;
  return stat.size === seal.size && stat.mtimeMs === seal.mtimeMs && !walWaiting && recent ? seal.checkedAt : undefined;
}

/**
 * After the database was closed: seal the file as it now is. A seal that cannot be written
 * (a full or read-only disk) costs only the check at the next start.
 */
export function sealClosed(file: string, checkedAt: number): void {
  try {
    if (!existsSync(file)) return;
    const { size, mtimeMs } = statSync(file);
    const seal: Seal = { size, mtimeMs, checkedAt };
    writeFileSync(file + SEAL_SUFFIX, JSON.stringify(seal), { mode: 0o600 });
  } catch {
    // Not sealed: the next start checks.
  }
}
