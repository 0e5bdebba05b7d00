/**
 * After the connection dropped, the IRC plugin writes nothing and says so (`notSent`): the
 * core may still count the account online until the `failed` state reaches it, and then
 * keeps a message for after the reconnect instead of showing it as not sent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { IrcConnection } from './ircConnection.js';
import { recorder } from './testRecorder.js';
import { startScriptedServer, type ScriptedServer } from './testServer.js';

let server: ScriptedServer | undefined;
let connection: IrcConnection | undefined;
afterEach(async () => {
  await connection?.disconnect();
  await server?.close();
  connection = undefined;
  server = undefined;
});

describe('IRC after the connection dropped', () => {
  it('refuses a message before writing anything, saying that nothing was sent', async () => {
    server = await startScriptedServer();
    const rec = recorder({ server: '127.0.0.1', port: server.port, tls: false, nick: 'alice' });
    connection = new IrcConnection(rec.context);
    await connection.connect();
    server.cut();
    await rec.waitForEvent('the lost connection', (e) => e.type === 'connection.state' && e.state === 'failed');
    const open = connection;
    // As the plugin worker calls it: a throw and a rejection are the same refusal.
    await expect(Promise.resolve().then(() => open.sendMessage({ conversationId: 'bob', localId: '1', kind: 'text', body: 'into the void' })))
      .rejects.toMatchObject({ kind: 'network', message: 'This IRC account is not connected.', notSent: true });
    expect(server.received.filter((line) => line.includes('into the void'))).toEqual([]);
  });
});
