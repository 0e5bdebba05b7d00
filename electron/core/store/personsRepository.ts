import type { Database, Statement } from 'better-sqlite3';
import type { PersonMember, PersonView } from '../../bridge/schemas.js';

interface MemberRow {
  person_id: number;
  name: string | null;
  group_name: string | null;
  account_id: string;
  contact_id: string;
}

/**
 * Persons (metacontacts) and their buddies. Rules (who may be merged, how many, dissolving
 * a person left alone) are the person service's; this only stores and reads.
 */
export class PersonsRepository {
  private readonly all: Statement<[], MemberRow>;
  private readonly one: Statement<[number], MemberRow>;
  private readonly ofContact: Statement<[string, string], { person_id: number }>;
  private readonly ofAccount: Statement<[string], { person_id: number }>;
  private readonly insertPerson: Statement<[string | null]>;
  private readonly nameStmt: Statement<[string | null, number]>;
  private readonly insertMember: Statement<[number, string, string, number]>;
  private readonly moveMembers: Statement<[number, number, number]>;
  private readonly removeMember: Statement<[string, string]>;
  private readonly removePerson: Statement<[number]>;

  constructor(private readonly db: Database) {
    const select = `SELECT p.id AS person_id, p.name, p.group_name, m.account_id, m.contact_id
      FROM persons p JOIN person_members m ON m.person_id = p.id`;
    this.all = db.prepare(`${select} ORDER BY p.id, m.position`);
    this.one = db.prepare(`${select} WHERE p.id = ? ORDER BY m.position`);
    this.ofContact = db.prepare('SELECT person_id FROM person_members WHERE account_id = ? AND contact_id = ?');
    this.ofAccount = db.prepare('SELECT DISTINCT person_id FROM person_members WHERE account_id = ?');
    this.insertPerson = db.prepare<[string | null]>('INSERT INTO persons (name) VALUES (?)');
    this.nameStmt = db.prepare('UPDATE persons SET name = ? WHERE id = ?');
    this.insertMember = db.prepare(`INSERT INTO person_members (person_id, account_id, contact_id, position)
      VALUES (?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM person_members WHERE person_id = ?))`);
    // The joined person's buddies go after the kept one's, in their own order.
    this.moveMembers = db.prepare(`UPDATE person_members
      SET person_id = ?, position = position + (SELECT coalesce(max(position), 0) FROM person_members WHERE person_id = ?)
      WHERE person_id = ?`);
    this.removeMember = db.prepare('DELETE FROM person_members WHERE account_id = ? AND contact_id = ?');
    this.removePerson = db.prepare('DELETE FROM persons WHERE id = ?');
  }

  list(): PersonView[] {
    return group(this.all.all());
  }

  /** The person with its buddies, or undefined when it has none (or does not exist). */
  get(personId: number): PersonView | undefined {
    return group(this.one.all(personId))[0];
  }

  personOf(accountId: string, contactId: string): number | undefined {
    return this.ofContact.get(accountId, contactId)?.person_id;
  }

  personsWithAccount(accountId: string): number[] {
    return this.ofAccount.all(accountId).map((row) => row.person_id);
  }

  create(name: string | undefined, members: readonly PersonMember[]): number {
    return this.db.transaction(() => {
      const id = Number(this.insertPerson.run(name ?? null).lastInsertRowid);
      for (const member of members) this.insertMember.run(id, member.accountId, member.contactId, id);
      return id;
    })();
  }

  add(personId: number, member: PersonMember): void {
    this.insertMember.run(personId, member.accountId, member.contactId, personId);
  }

  /** Moves every buddy of `from` into `into` and deletes `from`. */
  join(into: number, from: number): void {
    this.db.transaction(() => {
      this.moveMembers.run(into, into, from);
      this.removePerson.run(from);
    })();
  }

  rename(personId: number, name: string | undefined): void {
    this.nameStmt.run(name ?? null, personId);
  }

  removeMemberOf(accountId: string, contactId: string): boolean {
    return this.removeMember.run(accountId, contactId).changes > 0;
  }

  remove(personId: number): void {
    this.removePerson.run(personId);
  }

  /** Runs `work` in one transaction. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }
}

function group(rows: readonly MemberRow[]): PersonView[] {
  const persons: PersonView[] = [];
  let current: { id: number; name?: string; group?: string; members: PersonMember[] } | undefined;
  for (const row of rows) {
    if (current?.id !== row.person_id) {
      current = {
        id: row.person_id, ...(row.name !== null ? { name: row.name } : {}), ...(row.group_name !== null ? { group: row.group_name } : {}), members: [],
      };
      persons.push(current);
    }
    current.members.push({ accountId: row.account_id, contactId: row.contact_id });
  }
  return persons;
}
