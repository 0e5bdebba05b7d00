import type { Database, Statement } from 'better-sqlite3';

export interface StoredGroup {
  readonly name: string;
  readonly collapsed: boolean;
}

/**
 * The buddy list's groups in the user's order, the groups the profile keeps for buddies
 * of networks without groups of their own, and the merge suggestions the user dismissed.
 * Rules (names, what a move does) are the group service's; this only stores and reads.
 */
export class BuddyGroupsRepository {
  private readonly all: Statement<[], { name: string; collapsed: number }>;
  private readonly insert: Statement<[string]>;
  private readonly positionStmt: Statement<[number, string]>;
  private readonly collapsedStmt: Statement<[number, string]>;
  private readonly renameStmt: Statement<[string, string]>;
  private readonly removeStmt: Statement<[string]>;
  private readonly kept: Statement<[string, string], { groups: string }>;
  private readonly keepStmt: Statement<[string, string, string]>;
  private readonly dismissedAll: Statement<[], { pair: string }>;
  private readonly dismissStmt: Statement<[string]>;
  private readonly personGroupStmt: Statement<[string | null, number]>;
  private readonly personGroups: Statement<[], { id: number; group_name: string }>;
  private readonly personGroupRename: Statement<[string | null, string]>;

  constructor(private readonly db: Database) {
    this.all = db.prepare('SELECT name, collapsed FROM buddy_groups ORDER BY position, name');
    this.insert = db.prepare(`INSERT OR IGNORE INTO buddy_groups (name, position)
      VALUES (?, (SELECT coalesce(max(position), 0) + 1 FROM buddy_groups))`);
    this.positionStmt = db.prepare('UPDATE buddy_groups SET position = ? WHERE name = ?');
    this.collapsedStmt = db.prepare('UPDATE buddy_groups SET collapsed = ? WHERE name = ?');
    this.renameStmt = db.prepare('UPDATE buddy_groups SET name = ? WHERE name = ?');
    this.removeStmt = db.prepare('DELETE FROM buddy_groups WHERE name = ?');
    this.kept = db.prepare('SELECT groups FROM contact_groups WHERE account_id = ? AND contact_id = ?');
    this.keepStmt = db.prepare(`INSERT INTO contact_groups (account_id, contact_id, groups) VALUES (?, ?, ?)
      ON CONFLICT (account_id, contact_id) DO UPDATE SET groups = excluded.groups`);
    this.dismissedAll = db.prepare('SELECT pair FROM dismissed_merge_suggestions');
    this.dismissStmt = db.prepare('INSERT OR IGNORE INTO dismissed_merge_suggestions (pair) VALUES (?)');
    this.personGroupStmt = db.prepare('UPDATE persons SET group_name = ? WHERE id = ?');
    this.personGroups = db.prepare('SELECT id, group_name FROM persons WHERE group_name IS NOT NULL');
    this.personGroupRename = db.prepare('UPDATE persons SET group_name = ? WHERE group_name = ?');
  }

  list(): StoredGroup[] {
    return this.all.all().map((row) => ({ name: row.name, collapsed: row.collapsed === 1 }));
  }

  /** Appends the group (last in order) unless it is there; true when it was added. */
  add(name: string): boolean {
    return this.insert.run(name).changes > 0;
  }

  /** Gives the named groups positions 1…n in this order (the others keep theirs, after). */
  reorder(names: readonly string[]): void {
    this.db.transaction(() => {
      const rest = this.list().map((group) => group.name).filter((name) => !names.includes(name));
      [...names, ...rest].forEach((name, index) => this.positionStmt.run(index + 1, name));
    })();
  }

  setCollapsed(name: string, collapsed: boolean): void {
    this.collapsedStmt.run(collapsed ? 1 : 0, name);
  }

  /** Renames the group, and the persons shown in it. */
  rename(from: string, to: string): void {
    this.db.transaction(() => {
      this.renameStmt.run(to, from);
      this.personGroupRename.run(to, from);
    })();
  }

  /** Deletes the group; the persons shown in it go back to their first buddy's group. */
  remove(name: string): void {
    this.db.transaction(() => {
      this.removeStmt.run(name);
      this.personGroupRename.run(null, name);
    })();
  }

  /** The groups the profile keeps for this buddy, or undefined when it keeps none. */
  keptGroups(accountId: string, contactId: string): string[] | undefined {
    const row = this.kept.get(accountId, contactId);
    return row ? JSON.parse(row.groups) as string[] : undefined;
  }

  keepGroups(accountId: string, contactId: string, groups: readonly string[]): void {
    this.keepStmt.run(accountId, contactId, JSON.stringify(groups));
  }

  setPersonGroup(personId: number, name: string | undefined): void {
    this.personGroupStmt.run(name ?? null, personId);
  }

  personGroupsById(): Map<number, string> {
    return new Map(this.personGroups.all().map((row) => [row.id, row.group_name]));
  }

  dismissed(): Set<string> {
    return new Set(this.dismissedAll.all().map((row) => row.pair));
  }

  dismiss(pair: string): void {
    this.dismissStmt.run(pair);
  }
}
