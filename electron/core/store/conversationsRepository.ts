import type { Database, Statement } from 'better-sqlite3';
import type { Capabilities } from '../../../protocols/api/index.js';
import type { Conversation } from '../model/conversation.js';

interface ConversationRow {
  id: number;
  account_id: string;
  network_id: string;
  kind: 'direct' | 'room';
  title: string;
  topic: string | null;
  joined: number;
  open: number;
  unread: number;
  last_activity: number;
  capabilities: string | null;
  encrypted: number;
  /** Absent before migration 0015 (the migration tests read older schemas). */
  groups?: string | null;
  space?: number;
}

/** A conversation as stored: the core's own type (model/conversation.ts). */
export type StoredConversation = Conversation;

function fromRow(row: ConversationRow): StoredConversation {
  return {
    id: row.id,
    accountId: row.account_id,
    networkId: row.network_id,
    kind: row.kind,
    title: row.title,
    ...(row.topic !== null ? { topic: row.topic } : {}),
    joined: row.joined === 1,
    open: row.open === 1,
    unread: row.unread,
    lastActivity: row.last_activity,
    ...(row.capabilities !== null ? { capabilityOverrides: JSON.parse(row.capabilities) as Capabilities } : {}),
    ...(row.encrypted ? { encrypted: true } : {}),
    ...(row.groups !== null && row.groups !== undefined ? { groups: JSON.parse(row.groups) as string[] } : {}),
    ...(row.space === 1 ? { space: true } : {}),
  };
}

/** What a protocol says about a conversation; fields left out keep their stored value. */
export interface ConversationUpsert {
  readonly accountId: string;
  readonly networkId: string;
  readonly kind: 'direct' | 'room';
  readonly title?: string;
  readonly topic?: string;
  readonly joined?: boolean;
  readonly capabilities?: Capabilities;
  readonly encrypted?: boolean;
  /** The network's groups for it; an empty list takes it out of every group. */
  readonly groups?: readonly string[];
  readonly space?: boolean;
}

function groupsColumn(groups: readonly string[] | undefined): string | null {
  return groups === undefined || groups.length === 0 ? null : JSON.stringify(groups);
}

export class ConversationsRepository {
  private readonly byId: Statement<[number], ConversationRow>;
  private readonly byNetworkId: Statement<[string, string], ConversationRow>;
  private readonly openOnes: Statement<[], ConversationRow>;
  private readonly insertOne: Statement<[string, string, string, string, string | null, number]>;
  private readonly updateOne: Statement<[string, string | null, number, string | null, number, number]>;
  private groupsStmt: Statement<[string | null, number, number]> | undefined;
  private readonly setOpenStmt: Statement<[number, number]>;
  private readonly setJoinedStmt: Statement<[number, number]>;
  private readonly renameStmt: Statement<[string, string, number]>;
  private readonly activity: Statement<[number, number, number]>;
  private readonly clearUnread: Statement<[number]>;
  private readonly unreadSum: Statement<[], { total: number }>;

  constructor(private readonly db: Database) {
    this.byId = db.prepare('SELECT * FROM conversations WHERE id = ?');
    this.byNetworkId = db.prepare('SELECT * FROM conversations WHERE account_id = ? AND network_id = ?');
    this.openOnes = db.prepare('SELECT * FROM conversations WHERE open = 1 ORDER BY account_id, kind DESC, title');
    this.insertOne = db.prepare(`INSERT INTO conversations (account_id, network_id, kind, title, topic, joined)
      VALUES (?, ?, ?, ?, ?, ?)`);
    this.updateOne = db.prepare('UPDATE conversations SET title = ?, topic = ?, joined = ?, capabilities = ?, encrypted = ?, open = 1 WHERE id = ?');
    this.setOpenStmt = db.prepare('UPDATE conversations SET open = ? WHERE id = ?');
    this.setJoinedStmt = db.prepare('UPDATE conversations SET joined = ? WHERE id = ?');
    this.renameStmt = db.prepare('UPDATE conversations SET network_id = ?, title = ? WHERE id = ?');
    this.activity = db.prepare(`UPDATE conversations SET open = 1, unread = unread + ?,
      last_activity = MAX(last_activity, ?) WHERE id = ?`);
    this.clearUnread = db.prepare('UPDATE conversations SET unread = 0 WHERE id = ?');
    this.unreadSum = db.prepare('SELECT COALESCE(SUM(unread), 0) AS total FROM conversations WHERE open = 1');
  }

  get(id: number): StoredConversation | undefined {
    const row = this.byId.get(id);
    return row ? fromRow(row) : undefined;
  }

  find(accountId: string, networkId: string): StoredConversation | undefined {
    const row = this.byNetworkId.get(accountId, networkId);
    return row ? fromRow(row) : undefined;
  }

  listOpen(): StoredConversation[] {
    return this.openOnes.all().map(fromRow);
  }

  /** Creates or updates the conversation and marks it open. */
  upsert(change: ConversationUpsert): StoredConversation {
    const existing = this.find(change.accountId, change.networkId);
    const id = existing?.id ?? Number(this.insertOne.run(change.accountId, change.networkId, change.kind,
      change.title ?? change.networkId, change.topic ?? null, change.joined === false ? 0 : 1).lastInsertRowid);
    const overrides = change.capabilities ?? existing?.capabilityOverrides;
    this.updateOne.run(change.title ?? existing?.title ?? change.networkId, change.topic ?? existing?.topic ?? null,
      (change.joined ?? existing?.joined ?? true) ? 1 : 0, overrides ? JSON.stringify(overrides) : null,
      (change.encrypted ?? existing?.encrypted ?? false) ? 1 : 0, id);
    if (change.groups !== undefined || change.space !== undefined) {
      // Prepared on first use: the migration tests build this repository on schemas before 0015.
      this.groupsStmt ??= this.db.prepare('UPDATE conversations SET groups = ?, space = ? WHERE id = ?');
      this.groupsStmt.run(groupsColumn(change.groups ?? existing?.groups), (change.space ?? existing?.space ?? false) ? 1 : 0, id);
    }
    return this.mustGet(id);
  }

  /** The conversation now has another network id (an IRC nick change); its messages stay with it. */
  rename(id: number, networkId: string, title: string): void {
    this.renameStmt.run(networkId, title, id);
  }

  setOpen(id: number, open: boolean): void {
    this.setOpenStmt.run(open ? 1 : 0, id);
  }

  /** Whether the user is in the room, without reopening the conversation (as {@link upsert} does). */
  setJoined(id: number, joined: boolean): void {
    this.setJoinedStmt.run(joined ? 1 : 0, id);
  }

  /** Records a new message: reopens the conversation, moves its activity time, counts unread. */
  touch(id: number, timestamp: number, unreadDelta: number): void {
    this.activity.run(unreadDelta, timestamp, id);
  }

  markRead(id: number): void {
    this.clearUnread.run(id);
  }

  /** Unread messages in the conversations of the user's list (a chat removed from it no longer counts). */
  unreadTotal(): number {
    return this.unreadSum.get()?.total ?? 0;
  }

  private mustGet(id: number): StoredConversation {
    const conversation = this.get(id);
    if (!conversation) throw new Error(`Conversation ${id} vanished`);
    return conversation;
  }
}
