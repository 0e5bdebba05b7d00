import type { Database, Statement } from 'better-sqlite3';
import type { BridgeError, MessageCursor, MessageStatus, MessageView } from '../../bridge/schemas.js';

interface MessageRow {
  id: number;
  conversation_id: number;
  network_id: string | null;
  sender_id: string;
  sender_name: string;
  kind: MessageView['kind'];
  body: string;
  timestamp: number;
  direction: 'in' | 'out';
  status: MessageStatus;
  error: string | null;
}

function fromRow(row: MessageRow): MessageView {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    ...(row.network_id !== null ? { networkId: row.network_id } : {}),
    senderId: row.sender_id,
    senderName: row.sender_name,
    kind: row.kind,
    body: row.body,
    timestamp: row.timestamp,
    direction: row.direction,
    status: row.status,
    ...(row.error !== null ? { error: JSON.parse(row.error) as BridgeError } : {}),
  };
}

/** A message to store; the store gives it its local id. */
export type NewMessage = Omit<MessageView, 'id' | 'error'>;

export class MessagesRepository {
  private readonly insertOne: Statement<[number, string | null, string, string, string, string, number, string, string]>;
  private readonly byId: Statement<[number], MessageRow>;
  private readonly newest: Statement<[number, number], MessageRow>;
  private readonly before: Statement<[number, number, number, number], MessageRow>;
  private readonly setStatusStmt: Statement<[string, string | null, string | null, number | null, number]>;

  constructor(db: Database) {
    // OR IGNORE: the unique (conversation, network id) index turns a duplicate into a no-op.
    this.insertOne = db.prepare(`INSERT OR IGNORE INTO messages
      (conversation_id, network_id, sender_id, sender_name, kind, body, timestamp, direction, status)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.byId = db.prepare('SELECT * FROM messages WHERE id = ?');
    this.newest = db.prepare(`SELECT * FROM messages WHERE conversation_id = ?
      ORDER BY timestamp DESC, id DESC LIMIT ?`);
    this.before = db.prepare(`SELECT * FROM messages WHERE conversation_id = ? AND (timestamp, id) < (?, ?)
      ORDER BY timestamp DESC, id DESC LIMIT ?`);
    this.setStatusStmt = db.prepare(`UPDATE messages SET status = ?, error = ?,
      network_id = COALESCE(?, network_id), timestamp = COALESCE(?, timestamp) WHERE id = ?`);
  }

  /** Stores a message; returns undefined when its network id is already stored in that conversation. */
  insert(message: NewMessage): MessageView | undefined {
    const result = this.insertOne.run(message.conversationId, message.networkId ?? null, message.senderId,
      message.senderName, message.kind, message.body, message.timestamp, message.direction, message.status);
    if (result.changes === 0) return undefined;
    return this.get(Number(result.lastInsertRowid));
  }

  get(id: number): MessageView | undefined {
    const row = this.byId.get(id);
    return row ? fromRow(row) : undefined;
  }

  /** A page ending just before the cursor (or at the newest), oldest first. */
  page(conversationId: number, limit: number, cursor?: MessageCursor): MessageView[] {
    const rows = cursor
      ? this.before.all(conversationId, cursor.timestamp, cursor.id, limit)
      : this.newest.all(conversationId, limit);
    return rows.reverse().map(fromRow);
  }

  /** Moves an outgoing message to a new status; returns the updated message. */
  setStatus(id: number, status: MessageStatus, update: { error?: BridgeError; networkId?: string; timestamp?: number } = {}): MessageView | undefined {
    this.setStatusStmt.run(status, update.error ? JSON.stringify(update.error) : null,
      update.networkId ?? null, update.timestamp ?? null, id);
    return this.get(id);
  }
}
