import type { Database, Statement } from 'better-sqlite3';

/** Rooms left while their account was offline, to be left on the network at its next login (migration 0016). */
export class RoomLeavesRepository {
  private readonly addStmt: Statement<[number]>;
  private readonly removeStmt: Statement<[number]>;
  private readonly ofAccount: Statement<[string], { id: number; network_id: string }>;

  constructor(db: Database) {
    this.addStmt = db.prepare('INSERT OR IGNORE INTO room_leaves_pending (conversation_id) VALUES (?)');
    this.removeStmt = db.prepare('DELETE FROM room_leaves_pending WHERE conversation_id = ?');
    this.ofAccount = db.prepare(`SELECT c.id, c.network_id FROM room_leaves_pending p
      JOIN conversations c ON c.id = p.conversation_id WHERE c.account_id = ? ORDER BY c.id`);
  }

  add(conversationId: number): void {
    this.addStmt.run(conversationId);
  }

  remove(conversationId: number): void {
    this.removeStmt.run(conversationId);
  }

  /** The account's rooms waiting to be left, oldest first. */
  pending(accountId: string): { readonly conversationId: number; readonly networkId: string }[] {
    return this.ofAccount.all(accountId).map((row) => ({ conversationId: row.id, networkId: row.network_id }));
  }
}
