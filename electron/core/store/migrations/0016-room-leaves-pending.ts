import type { Migration } from './migration.js';

/**
 * Rooms the user left while their account was offline: the network still counts them as
 * the user's (an XMPP bookmark with autojoin, IRC's saved channels, a Matrix membership),
 * so the leave is carried out at the next login instead of the room coming back. A row goes
 * with its conversation.
 */
export const migration0016RoomLeavesPending: Migration = {
  version: 16,
  name: '0016-room-leaves-pending',
  up: (db) => {
    db.exec(`
      CREATE TABLE room_leaves_pending (
        conversation_id INTEGER PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE
      );
    `);
  },
};
