import type { Database, Statement } from 'better-sqlite3';
import type { Presence, Subscription } from '../../../protocols/api/index.js';
import type { Buddy } from '../model/buddy.js';

interface ContactRow {
  account_id: string;
  contact_id: string;
  display_name: string;
  groups: string;
  subscription: Subscription | null;
  blocked: number;
  presence_status: Presence['status'];
  presence_message: string | null;
  avatar: string | null;
}

function fromRow(row: ContactRow): Buddy {
  return {
    accountId: row.account_id,
    id: row.contact_id,
    displayName: row.display_name,
    groups: JSON.parse(row.groups) as string[],
    presence: { status: row.presence_status, ...(row.presence_message !== null ? { message: row.presence_message } : {}) },
    ...(row.subscription !== null ? { subscription: row.subscription } : {}),
    ...(row.blocked ? { blocked: true } : {}),
    ...(row.avatar !== null ? { avatarDataUrl: row.avatar } : {}),
  };
}

/** Buddy lists, one per account, as the networks last described them. */
export class ContactsRepository {
  private readonly all: Statement<[], ContactRow>;
  private readonly one: Statement<[string, string], ContactRow>;
  private readonly upsertStmt: Statement<[string, string, string, string, string | null, number, string, string | null, string | null]>;
  private readonly presenceStmt: Statement<[string, string | null, string, string]>;
  private readonly removeStmt: Statement<[string, string]>;
  private readonly offlineStmt: Statement<[string]>;

  constructor(db: Database) {
    this.all = db.prepare('SELECT * FROM contacts ORDER BY account_id, display_name');
    this.one = db.prepare('SELECT * FROM contacts WHERE account_id = ? AND contact_id = ?');
    this.upsertStmt = db.prepare(`INSERT INTO contacts
      (account_id, contact_id, display_name, groups, subscription, blocked, presence_status, presence_message, avatar)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (account_id, contact_id) DO UPDATE SET display_name = excluded.display_name,
        groups = excluded.groups, subscription = excluded.subscription, blocked = excluded.blocked,
        presence_status = excluded.presence_status, presence_message = excluded.presence_message,
        avatar = COALESCE(excluded.avatar, contacts.avatar)`);
    this.presenceStmt = db.prepare('UPDATE contacts SET presence_status = ?, presence_message = ? WHERE account_id = ? AND contact_id = ?');
    this.removeStmt = db.prepare('DELETE FROM contacts WHERE account_id = ? AND contact_id = ?');
    this.offlineStmt = db.prepare(`UPDATE contacts SET presence_status = 'unknown', presence_message = NULL
      WHERE account_id = ? AND presence_status != 'unknown'`);
  }

  list(): Buddy[] {
    return this.all.all().map(fromRow);
  }

  get(accountId: string, contactId: string): Buddy | undefined {
    const row = this.one.get(accountId, contactId);
    return row ? fromRow(row) : undefined;
  }

  /** Stores the contact; one sent without a picture keeps the picture stored before. */
  upsert(contact: Buddy): Buddy {
    this.upsertStmt.run(contact.accountId, contact.id, contact.displayName, JSON.stringify(contact.groups),
      contact.subscription ?? null, contact.blocked ? 1 : 0, contact.presence.status, contact.presence.message ?? null,
      contact.avatarDataUrl ?? null);
    return this.get(contact.accountId, contact.id) ?? contact;
  }

  setPresence(accountId: string, contactId: string, presence: Presence): Buddy | undefined {
    this.presenceStmt.run(presence.status, presence.message ?? null, accountId, contactId);
    return this.get(accountId, contactId);
  }

  remove(accountId: string, contactId: string): boolean {
    return this.removeStmt.run(accountId, contactId).changes > 0;
  }

  /** When an account goes offline its contacts' presence is unknown; returns who changed. */
  forgetPresence(accountId: string): Buddy[] {
    const before = this.list().filter((c) => c.accountId === accountId && c.presence.status !== 'unknown');
    this.offlineStmt.run(accountId);
    return before.map((c) => ({ ...c, presence: { status: 'unknown' as const } }));
  }
}
