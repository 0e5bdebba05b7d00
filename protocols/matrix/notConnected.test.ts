/**
 * Without a logged-in client (not connected yet, or the homeserver ended the session while
 * the core still counts the account online) the Matrix plugin sends nothing and says so
 * (`notSent`): the core keeps the message for when the account is back.
 */
import { describe, expect, it } from 'vitest';
import type { ConnectionContext } from '../api/index.js';
import { MatrixConnection } from './connection.js';

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const nothingStored = { get: () => Promise.resolve(undefined), set: () => Promise.resolve(), delete: () => Promise.resolve() };

describe('Matrix without a session', () => {
  it('refuses a message before sending anything, saying that nothing was sent', async () => {
    const context: ConnectionContext = {
      accountId: 'a1', settings: {}, emit: () => undefined, log: quiet, storage: nothingStored, secrets: nothingStored, dataDir: '/nonexistent',
    };
    const connection = new MatrixConnection(context);
    await expect(Promise.resolve().then(() => connection.sendMessage({ conversationId: '!room:localhost', localId: '1', kind: 'text', body: 'hi' })))
      .rejects.toMatchObject({ kind: 'network', message: 'The Matrix account is not connected.', notSent: true });
  });
});
