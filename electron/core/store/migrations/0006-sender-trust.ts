import type { Migration } from './migration.js';

/**
 * How far the device that sent an end-to-end encrypted message was trusted when it arrived
 * (the plugin API's `SenderTrust`, e.g. 'verified', 'unverified-device'); NULL elsewhere.
 */
export const migration0006SenderTrust: Migration = {
  version: 6,
  name: '0006-sender-trust',
  up: (db) => {
    db.exec('ALTER TABLE messages ADD COLUMN sender_trust TEXT');
  },
};
