/**
 * Issue 12: with echo-message on, a message is "sending" until the server echoes it. A
 * message the server refuses (ERR_NOSUCHNICK 401, ERR_CANNOTSENDTOCHAN 404, a FAIL standard
 * reply) must end `failed` with the server's reason, never stay `sending`. The real IRCv3
 * server (InspIRCd with echo-message and labeled-response) refuses for real; the scripted
 * one covers a server without labeled-response and FAIL replies.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MessageFailedEvent, ProtocolEvent } from '../../protocols/api/index.js';
import { IrcConnection } from '../../protocols/irc/ircConnection.js';
import { memoryStorage, recorder, type Recorder } from '../../protocols/irc/testRecorder.js';
import { startScriptedServer, type ScriptedServer } from '../../protocols/irc/testServer.js';
import { startIrcv3Server, type RunningIrcv3Server } from '../servers/ergo.js';
import { connectRawIrcClient, type RawIrcClient } from '../servers/ngircd.js';

const connections: IrcConnection[] = [];
const servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(connections.splice(0).map((c) => c.disconnect()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function online(port: number, nick = 'alice'): Promise<{ rec: Recorder; connection: IrcConnection }> {
  const rec = recorder({ server: '127.0.0.1', port, tls: false, nick }, memoryStorage());
  const connection = new IrcConnection(rec.context);
  connections.push(connection);
  await connection.connect();
  return { rec, connection };
}

const isFailure = (localId: string) => (e: ProtocolEvent): e is MessageFailedEvent => e.type === 'message.failed' && e.localId === localId;

async function settled(rec: Recorder, localId: string): Promise<ProtocolEvent> {
  return rec.waitForEvent(`message ${localId} settled`, (e) => (e.type === 'message.failed' || e.type === 'message.confirmed') && e.localId === localId, 10_000);
}

describe('a refused message on the real IRCv3 server (labeled-response)', () => {
  let server: RunningIrcv3Server | undefined;
  let bob: RawIrcClient | undefined;
  beforeAll(async () => {
    server = await startIrcv3Server();
  });
  afterAll(async () => {
    await bob?.close();
    await server?.stop();
  });

  it('fails a message to a nick that is not there (401) and one to a +n channel we are not in (404), with the server\'s reason; delivered ones still confirm', async () => {
    const irc = server;
    if (!irc) throw new Error('no server');
    bob = await connectRawIrcClient({ port: irc.port, nick: 'bob' });
    bob.send('JOIN #closed');
    await bob.waitForLine(/ 366 bob #closed /);
    const { rec, connection } = await online(irc.port);
    expect(rec.events.some((e) => e.type === 'connection.state' && e.state === 'online')).toBe(true);

    await connection.sendMessage({ conversationId: 'nobody', localId: '1', kind: 'text', body: 'anyone?' });
    const gone = await settled(rec, '1');
    expect(gone).toMatchObject({ type: 'message.failed', error: { kind: 'protocol' } });
    expect(isFailure('1')(gone) ? gone.error.message : '').toMatch(/^nobody did not get your message \(No such nick[^)]*\): they are not on the network/);

    await connection.sendMessage({ conversationId: '#closed', localId: '2', kind: 'text', body: 'from outside' });
    const outside = await settled(rec, '2');
    expect(outside.type).toBe('message.failed');
    expect(isFailure('2')(outside) ? outside.error.message : '').toMatch(/^#closed did not get your message \(.*external.*\)\.$/i);

    await connection.sendMessage({ conversationId: 'bob', localId: '3', kind: 'text', body: 'hello bob' });
    expect(await settled(rec, '3')).toMatchObject({ type: 'message.confirmed' });
    await bob.waitForLine(/PRIVMSG bob :hello bob/);
  });
});

describe('a refused message on a server without labeled-response (scripted)', () => {
  it('fails the oldest message waiting for that target, by numeric or FAIL, and confirms the rest', async () => {
    const server = await startScriptedServer({
      caps: 'echo-message message-tags server-time',
      refuse: (target, nick) => (target === 'ghost' ? `:scripted.test 401 ${nick} ghost :No such nick/channel`
        : target === '#shut' ? `:scripted.test FAIL PRIVMSG CANNOT_SEND #shut :This channel is read-only` : undefined),
    });
    servers.push(server);
    const { rec, connection } = await online(server.port);
    await connection.sendMessage({ conversationId: 'bob', localId: '10', kind: 'text', body: 'fine' });
    await connection.sendMessage({ conversationId: 'ghost', localId: '11', kind: 'text', body: 'boo' });
    await connection.sendMessage({ conversationId: '#shut', localId: '12', kind: 'text', body: 'let me in' });
    expect(await settled(rec, '10')).toMatchObject({ type: 'message.confirmed' });
    expect(await settled(rec, '11')).toMatchObject({ type: 'message.failed', error: { message: 'ghost did not get your message (No such nick/channel): they are not on the network, and IRC keeps nothing for later.' } });
    expect(await settled(rec, '12')).toMatchObject({ type: 'message.failed', error: { message: '#shut did not get your message (This channel is read-only).' } });
  });
});
