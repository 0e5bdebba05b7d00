/**
 * Logins beyond the password: SASL EXTERNAL with a client certificate (on the IRCv3 server
 * with services), STS upgrade to TLS and a remembered STS policy, alternate nicks.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ProtocolError, type AccountFieldValue } from '../../protocols/api/index.js';
import ircPlugin from '../../protocols/irc/index.js';
import { saveStsPolicy } from '../../protocols/irc/sts.js';
import { startScriptedServer, type ScriptedServer } from '../../protocols/irc/testServer.js';
import { createMemoryPersistence, type AccountPersistence } from '../conformance/index.js';
import { TestAccount } from '../conformance/index.js';
import { startIrcv3Server, type RunningIrcv3Server } from '../servers/ergo.js';
import { connectRawIrcClient, makeCertificate, startNgircd, type RawIrcClient, type RunningIrcServer } from '../servers/ngircd.js';

type Settings = Record<string, AccountFieldValue>;
const accounts: TestAccount[] = [];
const cleanups: (() => Promise<void>)[] = [];

function account(settings: Settings, persistence?: AccountPersistence): TestAccount {
  const created = new TestAccount(ircPlugin, settings, 10_000, persistence);
  accounts.push(created);
  return created;
}

async function raw(port: number, nick: string): Promise<RawIrcClient> {
  const client = await connectRawIrcClient({ port, nick });
  cleanups.push(() => client.close());
  return client;
}

afterEach(async () => {
  await Promise.all(accounts.splice(0).map((a) => a.connection.disconnect()));
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

describe('SASL EXTERNAL on the IRCv3 server', () => {
  let server: RunningIrcv3Server;
  let dir: string;
  beforeAll(async () => {
    server = await startIrcv3Server();
    await server.registerAccount('carla', 'carla-password');
    dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-clientcert-'));
  }, 120_000);
  afterAll(async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('logs in with a client certificate registered to the account, and refuses an unknown one', async () => {
    const cert = await makeCertificate(dir);
    const pem = path.join(dir, 'client.pem');
    await writeFile(pem, `${await readFile(cert.certFile, 'utf8')}${await readFile(cert.keyFile, 'utf8')}`);
    const tls = { server: '127.0.0.1', port: server.tlsPort, tls: true, trustedFingerprint: server.certificateFingerprint256, nick: 'carla' };
    // Register the certificate with NickServ from a password login that presents it.
    const withPassword = account({ ...tls, accountPassword: 'carla-password', clientCertificate: pem });
    await withPassword.connection.connect();
    await withPassword.connection.runCommand?.('quote', 'PRIVMSG NickServ :CERT ADD', undefined);
    await withPassword.waitForMessage('NickServ\'s answer', (m) => m.senderId === 'nickserv' && /fingerprint/i.test(m.body));
    await withPassword.connection.disconnect();

    const external = account({ ...tls, saslMechanism: 'external', clientCertificate: pem });
    await external.connection.connect();
    const watcher = await raw(server.port, 'watcher');
    watcher.send('WHOIS carla');
    await watcher.waitForLine(/ 330 watcher carla carla /);
    await external.connection.disconnect();

    const other = await makeCertificate(await mkdtemp(path.join(dir, 'other-')));
    const otherPem = path.join(dir, 'other.pem');
    await writeFile(otherPem, `${await readFile(other.certFile, 'utf8')}${await readFile(other.keyFile, 'utf8')}`);
    const stranger = account({ ...tls, saslMechanism: 'external', clientCertificate: otherPem });
    const error = await stranger.connection.connect().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ kind: 'auth' });
    expect((error as ProtocolError).message).toMatch(/client certificate/);

    const missing = account({ ...tls, saslMechanism: 'external', clientCertificate: path.join(dir, 'nope.pem') });
    await expect(missing.connection.connect()).rejects.toMatchObject({ kind: 'auth', message: expect.stringMatching(/Cannot use the client certificate/) as unknown });
  });
});

describe('STS and nicks on ngIRCd', () => {
  let ngircd: RunningIrcServer;
  let scripted: ScriptedServer | undefined;
  beforeAll(async () => {
    ngircd = await startNgircd({ tls: true });
  });
  afterAll(async () => {
    await ngircd.stop();
  });
  afterEach(async () => {
    await scripted?.close();
    scripted = undefined;
  });

  it('upgrades to TLS when a plaintext server advertises STS, and never falls back', async () => {
    scripted = await startScriptedServer({ caps: `batch sts=port=${ngircd.tlsPort ?? 0},duration=300` });
    const fingerprint = ngircd.certificateFingerprint256 ?? '';
    const alice = account({ server: '127.0.0.1', port: scripted.port, tls: false, nick: 'alice', trustedFingerprint: fingerprint });
    await alice.connection.connect();
    expect(alice.states).toEqual(['connecting', 'online']);
    // Left the plaintext server right after its CAP LS (no capability negotiated there).
    expect(scripted.received.filter((l) => l.startsWith('CAP '))).toEqual(['CAP LS 302']);
    const bob = await raw(ngircd.port, 'bob');
    bob.send('PRIVMSG alice :over TLS now');
    await alice.waitForMessage('bob\'s message', (m) => m.body === 'over TLS now');
  });

  it('goes straight to TLS under a remembered STS policy, and fails rather than use plaintext', async () => {
    const persistence = createMemoryPersistence();
    await saveStsPolicy(persistence.storage, '127.0.0.1', ngircd.tlsPort ?? 0, 300);
    const alice = account({ server: '127.0.0.1', port: ngircd.port, tls: false, nick: 'alice' }, persistence);
    const error = await alice.connection.connect().then(() => undefined, (e: unknown) => e);
    // The policy's port has the self-signed certificate: refused, no plaintext fallback.
    expect(error).toMatchObject({ kind: 'certificate' });
    const pinned = account({ server: '127.0.0.1', port: ngircd.port, tls: false, nick: 'alice', trustedFingerprint: ngircd.certificateFingerprint256 ?? '' }, persistence);
    await pinned.connection.connect();
    expect(pinned.selfId).toBe('alice');
  });

  it('tries the alternate nicks in order, then the nick with _', async () => {
    const holders = await Promise.all(['dan', 'dan2', 'dan3'].map((nick) => raw(ngircd.port, nick)));
    expect(holders).toHaveLength(3);
    const dan = account({ server: '127.0.0.1', port: ngircd.port, tls: false, nick: 'dan', altNicks: 'dan2, dan3' });
    await dan.connection.connect();
    expect(dan.selfId).toBe('dan_');
  });
});
