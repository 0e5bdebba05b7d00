/** ISUPPORT-driven naming against the scripted server: which lines share a conversation. */
import { afterEach, describe, expect, it } from 'vitest';
import type { IncomingMessage } from '../api/index.js';
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

/** The conversation each of two private messages from "Bob[1]" and "bob{1}" lands in. */
async function conversationsOf(isupport: string): Promise<string[]> {
  server = await startScriptedServer({ isupport });
  const rec = recorder({ server: '127.0.0.1', port: server.port, tls: false, nick: 'alice' });
  connection = new IrcConnection(rec.context);
  await connection.connect();
  server.push(':Bob[1]!u@h PRIVMSG alice :one\r\n:bob{1}!u@h PRIVMSG alice :two\r\n');
  const received = (body: string) => (e: { type: string; message?: IncomingMessage }): boolean => e.type === 'message.received' && e.message?.body === body;
  const one = await rec.waitForEvent('the first message', received('one'));
  const two = await rec.waitForEvent('the second message', received('two'));
  return [one, two].map((e) => (e.type === 'message.received' ? e.message.conversationId : ''));
}

describe('CASEMAPPING (https://modern.ircdocs.horse/#casemapping-parameter)', () => {
  it('keeps two nicks apart that only rfc1459 would call the same, on an ascii server', async () => {
    expect(await conversationsOf('CASEMAPPING=ascii')).toEqual(['bob[1]', 'bob{1}']);
  });

  it('treats them as one person on an rfc1459 server (and on a server that names no mapping)', async () => {
    expect(await conversationsOf('CASEMAPPING=rfc1459')).toEqual(['bob{1}', 'bob{1}']);
  });
});

describe('LINELEN (https://modern.ircdocs.horse/#linelen-parameter)', () => {
  it('sends a 1,500-byte message as one line where the server allows 2,048 bytes, as several where it does not', async () => {
    const text = 'x'.repeat(1_500);
    for (const [isupport, lines] of [['LINELEN=2048', 1], ['', 4]] as const) {
      server = await startScriptedServer({ isupport });
      const rec = recorder({ server: '127.0.0.1', port: server.port, tls: false, nick: 'alice' });
      connection = new IrcConnection(rec.context);
      await connection.connect();
      // 005 follows 001: a notice pushed after the welcome arrives after the server's tokens.
      server.push(':scripted.test NOTICE alice :ready\r\n');
      await rec.waitForEvent('the welcome burst read', (e) => e.type === 'server.notice' && e.text.includes('ready'));
      await connection.sendMessage({ conversationId: 'bob', localId: `l-${isupport}`, kind: 'text', body: text });
      const live = server;
      const sent = await rec.waitFor('the lines on the server', () => {
        const found = live.received.filter((line) => line.startsWith('PRIVMSG bob :'));
        return found.map((line) => line.slice('PRIVMSG bob :'.length)).join('').length === text.length ? found : undefined;
      });
      expect(sent).toHaveLength(lines);
      await connection.disconnect();
      await server.close();
    }
    connection = undefined;
    server = undefined;
  });
});
