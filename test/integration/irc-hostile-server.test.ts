/**
 * Issue 12: a broken or hostile IRC server must not make the client grow without bound,
 * hang, or lose history silently. Against the scripted server (protocols/irc/testServer.ts),
 * since no real server can be made to misbehave this way on purpose.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { IrcConnection } from '../../protocols/irc/ircConnection.js';
import { memoryStorage, recorder } from '../../protocols/irc/testRecorder.js';
import { startScriptedServer, type ScriptedServer, type ScriptedServerOptions } from '../../protocols/irc/testServer.js';
import { BATCH_LIMITS } from '../../protocols/irc/batchGuard.js';

const FULL = 'echo-message labeled-response message-tags batch server-time draft/chathistory';
const open: { connection: IrcConnection; server: ScriptedServer }[] = [];

afterEach(async () => {
  for (const { connection, server } of open.splice(0)) {
    await connection.disconnect();
    await server.close();
  }
});

async function setup(options: ScriptedServerOptions = { caps: FULL, isupport: 'CHATHISTORY=100 MONITOR=100' }): Promise<{ server: ScriptedServer; rec: ReturnType<typeof recorder>; connection: IrcConnection }> {
  const server = await startScriptedServer(options);
  const rec = recorder({ server: '127.0.0.1', port: server.port, tls: false, nick: 'alice' }, memoryStorage());
  const connection = new IrcConnection(rec.context);
  open.push({ connection, server });
  await connection.connect();
  return { server, rec, connection };
}

describe('a BATCH the server never closes', () => {
  it('is closed by the client once it grows past its size bound: every line arrives, held ones first', async () => {
    const { server, rec } = await setup();
    const total = BATCH_LIMITS.maxLines + 1;
    const lines = [':scripted.test BATCH +endless example.org/never-ends'];
    for (let i = 0; i < total; i++) lines.push(`@batch=endless :bob!u@h PRIVMSG alice :line ${i}`);
    server.push(`${lines.join('\r\n')}\r\n`);
    await rec.waitFor(`${total} messages`, () => (rec.received().length >= total ? true : undefined), 30_000);
    const bodies = rec.received().map((m) => m.body);
    expect(bodies[0]).toBe('line 0');
    expect(bodies.at(-1)).toBe(`line ${total - 1}`);
    expect(new Set(bodies).size).toBe(total);
    expect(rec.warnings.some((w) => w.includes('left batch endless open'))).toBe(true);
  });
});
