/** draft/read-marker against the scripted server (no server installable here offers it). */
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

describe('draft/read-marker (https://ircv3.net/specs/extensions/read-marker)', () => {
  it('turns a marker moved by another client into a read receipt from ourselves, and sends MARKREAD when read here', async () => {
    // The server keeps one marker per target and tells every client of the user (here: the one).
    const markers = new Map<string, string>();
    server = await startScriptedServer({
      caps: 'message-tags server-time draft/read-marker',
      command: (client, line) => {
        if (line.command !== 'MARKREAD') return false;
        const [target = '', value] = line.params;
        if (value !== undefined && value > (markers.get(target) ?? '')) markers.set(target, value);
        client.send(`:scripted.test MARKREAD ${target} ${markers.get(target) ?? '*'}`);
        return true;
      },
    });
    const rec = recorder({ server: '127.0.0.1', port: server.port, tls: false, nick: 'alice' });
    connection = new IrcConnection(rec.context);
    await connection.connect();
    await connection.joinRoom({ room: '#c' });
    server.push([
      '@msgid=a1;time=2026-12-07T06:00:01.000Z :bob!u@h PRIVMSG #c :one',
      '@msgid=a2;time=2026-12-07T06:00:02.000Z :bob!u@h PRIVMSG #c :two',
      '@msgid=a3;time=2026-12-07T06:00:03.000Z :bob!u@h PRIVMSG #c :three',
      // Another client of alice's read up to "two".
      ':scripted.test MARKREAD #c timestamp=2026-12-07T06:00:02.500Z',
      '',
    ].join('\r\n'));
    const receipt = await rec.waitForEvent('the shared read state', (e) => e.type === 'receipt');
    expect(receipt).toEqual({ type: 'receipt', conversationId: '#c', networkId: 'a2', participantId: 'alice', kind: 'read' });
    await connection.markRead('#c', 'a3');
    await server.waitForLine(/^MARKREAD #c timestamp=2026-12-07T06:00:03\.000Z$/);
    // Reading an older message than the marker sends nothing.
    await connection.markRead('#c', 'a1');
    await rec.waitForEvent('the marker echoed', (e) => e.type === 'receipt' && e.networkId === 'a3');
    expect(server.received.filter((l) => l.startsWith('MARKREAD'))).toHaveLength(1);
    // A private chat's marker is asked for when the chat is opened.
    markers.set('bob', 'timestamp=2026-12-07T06:00:00.000Z');
    await connection.openDirect('bob');
    await server.waitForLine(/^MARKREAD bob$/);
  });

  it('says receipts are not available where the server has no read markers, and never sends MARKREAD there', async () => {
    server = await startScriptedServer({ caps: 'message-tags' });
    const rec = recorder({ server: '127.0.0.1', port: server.port, tls: false, nick: 'alice' });
    connection = new IrcConnection(rec.context);
    await connection.connect();
    await connection.openDirect('bob');
    const chat = rec.events.find((e) => e.type === 'conversation.upserted' && e.conversation.id === 'bob');
    expect(chat?.type === 'conversation.upserted' ? chat.conversation.capabilities?.receipts : undefined).toBe(false);
    await connection.sendMessage({ conversationId: 'bob', localId: 'x', kind: 'text', body: 'hi' });
    await server.waitForLine(/^PRIVMSG bob :hi$/);
    expect(server.received.some((l) => l.startsWith('MARKREAD'))).toBe(false);
  });
});
