import type { Migration } from './migration.js';

/** Contact pictures, as the data: URL the UI shows (at most 64 KiB of image each). */
export const migration0005ContactAvatars: Migration = {
  version: 5,
  name: '0005-contact-avatars',
  up: (db) => {
    db.exec('ALTER TABLE contacts ADD COLUMN avatar TEXT');
  },
};
