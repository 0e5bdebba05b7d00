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
