/** Standard replies (FAIL/WARN/NOTE) told on the server console in words, against the scripted server. */
import { afterEach, describe, expect, it } from 'vitest';
import { IrcConnection } from './ircConnection.js';
import { recorder } from './testRecorder.js';
import { startScriptedServer, type ScriptedServer } from './testServer.js';

let server: ScriptedServer | undefined;
let connection: IrcConnection | undefined;
afterEach(async () => {
  await connection?.disconnect();
  await server?.close();
});

describe('standard replies (https://ircv3.net/specs/extensions/standard-replies)', () => {
  it('tells FAIL, WARN and NOTE in words on the server console, with no codes or raw lines', async () => {
    server = await startScriptedServer();
    const rec = recorder({ server: '127.0.0.1', port: server.port, tls: false, nick: 'alice' });
    connection = new IrcConnection(rec.context);
    await connection.connect();
    server.push([
      ':scripted.test FAIL * ACCOUNT_REQUIRED :You need to be logged in to do that',
      ':scripted.test WARN REHASH CERTS_EXPIRED :Certificate [xyz] has expired',
      ':scripted.test NOTE * OPER_MESSAGE :The message',
      ':scripted.test FAIL JOIN CHANNEL_RENAMED #old #new :The channel has been renamed',
      ':scripted.test FAIL NICK NICKNAME_RESERVED',
    ].join('\r\n') + '\r\n');
    const notices = await rec.waitFor('five notices', () => {
      const texts = rec.events.flatMap((e) => (e.type === 'server.notice' ? [e.text] : []));
      const told = texts.filter((t) => /refused|Warning|The message/.test(t));
      return told.length >= 5 ? told : undefined;
    });
    expect(notices).toEqual([
      'The server refused: You need to be logged in to do that',
      'Warning from the server about REHASH: Certificate [xyz] has expired',
      'The message',
      'The server refused JOIN: The channel has been renamed',
      'The server refused NICK: nickname reserved',
    ]);
  });
});
