/**
 * SASL SCRAM-SHA-256 and logging in again after registration (SASL 3.2), against the
 * scripted server with a real SCRAM server side (testSasl.ts): Debian's Atheme has no SCRAM module.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { IrcConnection } from './ircConnection.js';
import { recorder } from './testRecorder.js';
import { saslServer, type SaslServerOptions } from './testSasl.js';
import { startScriptedServer, type ScriptedServer } from './testServer.js';

let server: ScriptedServer | undefined;
let connection: IrcConnection | undefined;
afterEach(async () => {
  await connection?.disconnect();
  await server?.close();
  connection = undefined;
  server = undefined;
});

async function login(caps: string, sasl: SaslServerOptions, settings: Record<string, string | boolean>) {
  const scripted = saslServer(sasl);
  server = await startScriptedServer({ caps, command: scripted.command });
  const rec = recorder({ server: '127.0.0.1', port: server.port, tls: false, nick: 'alice', allowPlainPassword: true, ...settings });
  connection = new IrcConnection(rec.context);
  return { rec, scripted, connected: connection.connect() };
}

describe('SASL SCRAM-SHA-256 (RFC 7677, https://ircv3.net/specs/extensions/sasl-3.2)', () => {
  it('logs in with SCRAM-SHA-256 when the server lists it, and the password never goes over the wire', async () => {
    const { scripted, connected } = await login('sasl=PLAIN,SCRAM-SHA-256', { account: 'alice', password: 'pässwörd' }, { accountPassword: 'pässwörd' });
    await connected;
    expect(scripted.mechanisms).toEqual(['SCRAM-SHA-256']);
    expect(scripted.successes).toBe(1);
    const sent = (server?.received ?? []).map((line) => line.startsWith('AUTHENTICATE ') ? Buffer.from(line.slice(13), 'base64').toString('utf8') : line);
    expect(sent.join('\n')).not.toContain('pässwörd');
  });

  it('uses PLAIN automatically where SCRAM is not offered', async () => {
    const { scripted, connected } = await login('sasl=PLAIN', { account: 'alice', password: 'pw' }, { accountPassword: 'pw' });
    await connected;
    expect(scripted.mechanisms).toEqual(['PLAIN']);
  });

  it('tells a wrong password in words', async () => {
    const { connected } = await login('sasl=SCRAM-SHA-256', { account: 'alice', password: 'right' }, { accountPassword: 'wrong' });
    await expect(connected).rejects.toThrow(/refused the login for the account alice.*wrong account name or password/);
  });

  it('refuses a server that cannot prove it knows the password', async () => {
    const { connected } = await login('sasl=SCRAM-SHA-256', { account: 'alice', password: 'pw', forgeSignature: true }, { accountPassword: 'pw' });
    await expect(connected).rejects.toThrow(/could not prove that it knows the password/);
  });

  it('fails when SCRAM-SHA-256 is asked for and the server offers only PLAIN', async () => {
    const { scripted, connected } = await login('sasl=PLAIN', { account: 'alice', password: 'pw' }, { accountPassword: 'pw', saslMechanism: 'scram-sha-256' });
    await expect(connected).rejects.toThrow(/does not offer SASL SCRAM-SHA-256/);
    expect(scripted.mechanisms).toEqual([]);
  });
});

describe('SASL 3.2: logging in after registration', () => {
  it('logs in when the server offers sasl later (CAP NEW), and tells the user', async () => {
    const { rec, scripted, connected } = await login('cap-notify', { account: 'alice', password: 'pw' }, { accountPassword: 'pw' });
    await connected;
    expect(scripted.successes).toBe(0);
    server?.offer('sasl=SCRAM-SHA-256');
    await rec.waitForEvent('the login told', (e) => e.type === 'server.notice' && e.text === 'Logged in to the account alice.');
    expect(scripted.mechanisms).toEqual(['SCRAM-SHA-256']);
    expect(scripted.successes).toBe(1);
  });
});
