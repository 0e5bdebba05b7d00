/**
 * RFC 6121 §2.6 roster versioning: the roster as of one version, kept in the account's data
 * folder so that the next login can ask "anything new since `ver`?" and, when the server
 * answers that nothing changed, show this copy instead of downloading every item again.
 *
 * One JSON file, `roster.json`: the bare JID it belongs to, the version, and the items. It
 * is written whole to a temporary name and then renamed, so a crash leaves either the old
 * or the new copy, never half of one; version and items always travel together. Anything
 * odd in it (not JSON, another JID, one malformed item) makes the whole copy unusable: a
 * wrong copy with a valid version would be trusted for as long as the roster stays
 * unchanged, so it is never partly used. The plugin storage keeps only the list of JIDs the
 * core was told about (see roster.ts), a few bytes per contact; 5,000 items with names and
 * groups would fit its 8 MiB per value too, but each push would then rewrite them through
 * the core's database.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bare } from './jid.js';

export interface RosterItem {
  readonly jid: string;
  readonly name?: string;
  readonly groups: readonly string[];
  /** RFC 6121 'subscription'. */
  readonly subscription: 'none' | 'to' | 'from' | 'both';
  /** RFC 6121 'ask="subscribe"': our request is pending. */
  readonly askPending: boolean;
}

/** The roster at version `ver` for the account `jid`. */
export interface CachedRoster {
  readonly jid: string;
  readonly ver: string;
  readonly items: readonly RosterItem[];
}

export const ROSTER_CACHE_FILE = 'roster.json';
/** Bump when the file's shape changes: older files are then ignored (one full download). */
const FORMAT = 1;
export const MAX_NAME = 200;
export const MAX_GROUPS = 50;
/** A file larger than this is not read (5,000 items with names and groups are about 1 MB). */
const MAX_FILE_BYTES = 32 * 1024 * 1024;

/** The same clean-up the roster applies to what the server sends: trimmed, capped, unique groups. */
export function cleanName(name: string | undefined): string | undefined {
  const trimmed = name?.trim().slice(0, MAX_NAME);
  return trimmed ? trimmed : undefined;
}

export function cleanGroups(groups: readonly string[]): string[] {
  return [...new Set(groups.map((group) => group.trim().slice(0, MAX_NAME)).filter(Boolean))].slice(0, MAX_GROUPS);
}

const SUBSCRIPTIONS = new Set(['none', 'to', 'from', 'both']);

/** One cached item, checked as strictly as a server's; undefined when anything is off. */
export function itemFromJson(value: unknown): RosterItem | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { jid, name, groups, subscription, askPending } = value as Record<string, unknown>;
  if (typeof jid !== 'string' || bare(jid) !== jid) return undefined;
  if (name !== undefined && (typeof name !== 'string' || cleanName(name) !== name)) return undefined;
  if (!Array.isArray(groups) || !groups.every((group): group is string => typeof group === 'string')) return undefined;
  const clean = cleanGroups(groups);
  if (clean.length !== groups.length || clean.some((group, index) => group !== groups[index])) return undefined;
  if (typeof subscription !== 'string' || !SUBSCRIPTIONS.has(subscription)) return undefined;
  if (typeof askPending !== 'boolean') return undefined;
  return { jid, groups, subscription: subscription as RosterItem['subscription'], askPending, ...(name !== undefined ? { name } : {}) };
}

export type CacheReading = { readonly ok: true; readonly roster: CachedRoster } | { readonly ok: false; readonly reason: string };

/** Parse the file's text for the account `selfBare`. */
export function parseRosterCache(text: string, selfBare: string): CacheReading {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'it is not JSON' };
  }
  if (typeof value !== 'object' || value === null) return { ok: false, reason: 'it is not an object' };
  const { format, jid, ver, items } = value as Record<string, unknown>;
  if (format !== FORMAT) return { ok: false, reason: `it is not in format ${FORMAT}` };
  if (jid !== selfBare) return { ok: false, reason: `it belongs to ${typeof jid === 'string' ? jid : 'no account'}, not ${selfBare}` };
  if (typeof ver !== 'string' || ver === '') return { ok: false, reason: 'it has no version' };
  if (!Array.isArray(items)) return { ok: false, reason: 'it has no items' };
  const checked: RosterItem[] = [];
  const seen = new Set<string>();
  for (const raw of items) {
    const item = itemFromJson(raw);
    if (!item || seen.has(item.jid) || item.jid === selfBare) return { ok: false, reason: `item ${checked.length + 1} is malformed` };
    seen.add(item.jid);
    checked.push(item);
  }
  return { ok: true, roster: { jid: selfBare, ver, items: checked } };
}

export function serializeRosterCache(roster: CachedRoster): string {
  return JSON.stringify({ format: FORMAT, jid: roster.jid, ver: roster.ver, items: roster.items });
}

/** The cache file of one account; writes are serialized, and the last one wins. */
export class RosterCache {
  private readonly file: string;
  private writing: Promise<void> = Promise.resolve();

  constructor(dataDir: string, private readonly selfBare: string) {
    this.file = path.join(dataDir, ROSTER_CACHE_FILE);
  }

  /** The cached roster, or why there is none usable ('absent' when there is no file). */
  async read(): Promise<CacheReading> {
    try {
      const info = await stat(this.file);
      if (info.size > MAX_FILE_BYTES) return { ok: false, reason: `it is ${info.size} bytes` };
      return parseRosterCache(await readFile(this.file, 'utf8'), this.selfBare);
    } catch (error: unknown) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, reason: 'absent' };
      return { ok: false, reason: `it cannot be read (${error instanceof Error ? error.message : String(error)})` };
    }
  }

  /** Write `roster` (a temporary file, then a rename); undefined removes the file. Rejects on failure. */
  write(roster: CachedRoster | undefined): Promise<void> {
    const next = this.writing.catch(() => undefined).then(() => (roster ? this.writeNow(roster) : this.removeNow()));
    this.writing = next;
    return next;
  }

  private async writeNow(roster: CachedRoster): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, serializeRosterCache(roster), { mode: 0o600 });
      await rename(temporary, this.file);
    } catch (error: unknown) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
  }

  private async removeNow(): Promise<void> {
    await unlink(this.file).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    });
  }
}
