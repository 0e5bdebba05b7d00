/**
 * XMPP login against a real Prosody: STARTTLS and direct TLS, certificate refusal with the
 * facts the user needs, pinned certificates, SCRAM-SHA-1 and SCRAM-SHA-256, PLAIN refused
 * without TLS unless allowed, and XEP-0198 resumption after a network drop.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isProtocolErrorData, ProtocolError, type ProtocolErrorData } from '../../protocols/api/index.js';
import { startXmppKit, type XmppKit } from '../servers/prosody/xmppTestKit.js';

async function rejection(operation: Promise<unknown>): Promise<ProtocolErrorData> {
  try {
    await operation;
  } catch (thrown: unknown) {
    if (thrown instanceof ProtocolError) return thrown.toData();
    if (isProtocolErrorData(thrown)) return thrown;
    throw new Error(`not a ProtocolError: ${String(thrown)}`);
  }
  throw new Error('expected a rejection');
}

describe('XMPP login', () => {
  let kit: XmppKit;
  beforeAll(async () => {
    kit = await startXmppKit();
  });
  afterEach(async () => {
    await kit.closeAll();
  });
  afterAll(async () => {
    await kit.stop();
  });

  it('logs in with STARTTLS and with direct TLS, bound to a resource, reporting the bare JID', async () => {
    const starttls = await kit.online('alice');
    expect(starttls.id).toBe('alice@localhost');
    const direct = await kit.online('alice', { security: 'tls', port: kit.prosody.directTlsPort, resource: 'laptop' });
    expect(direct.id).toBe('alice@localhost');
    expect(direct.states).toEqual(['connecting', 'online']);
  });

  it('refuses an unverifiable certificate with its fingerprint, subject and reason; connects once it is trusted', async () => {
    await kit.user('carol');
    const careful = kit.account('carol', { trustedFingerprint: '' });
    const error = await rejection(careful.connection.connect());
    expect(error.kind).toBe('certificate');
    expect(error.certificate?.fingerprint256).toBe(kit.prosody.certificateFingerprint256);
    expect(error.certificate?.subject).toBe('localhost');
    expect(error.certificate?.reason).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(error.message).toMatch(/self-signed/);
    expect(error.message).toContain(kit.prosody.certificateFingerprint256);
    expect(careful.states).toEqual(['connecting', 'failed']);

    const direct = kit.account('carol', { trustedFingerprint: '', security: 'tls', port: kit.prosody.directTlsPort });
    expect((await rejection(direct.connection.connect())).kind).toBe('certificate');

    const wrongPin = kit.account('carol', { trustedFingerprint: 'AB:'.repeat(31) + 'AB' });
    const pinError = await rejection(wrongPin.connection.connect());
    expect(pinError.kind).toBe('certificate');
    expect(pinError.message).toMatch(/not the certificate you chose to trust/);

    const trusted = kit.account('carol', { trustedFingerprint: kit.prosody.certificateFingerprint256.toLowerCase().replace(/:/g, '') });
    await trusted.connection.connect();
    expect(trusted.states.at(-1)).toBe('online');
  });

  it('wrong password: kind auth with a readable message; an unknown user too', async () => {
    await kit.user('dave');
    const wrong = kit.account('dave', { password: 'nope' });
    const error = await rejection(wrong.connection.connect());
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/dave@localhost.*refused the password/);
    const nobody = kit.account('nobody-here');
    expect((await rejection(nobody.connection.connect())).kind).toBe('auth');
  });

  it('rejects an invalid JID before connecting', async () => {
    const bad = kit.account('x', { jid: 'not a jid' });
    const error = await rejection(bad.connection.connect());
    expect(error.kind).toBe('protocol');
    expect(error.message).toMatch(/not an XMPP address/);
  });

  it('resumes the session after a network drop (XEP-0198): nothing lost, nothing doubled', async () => {
    const alice = await kit.online('alice');
    const bob = await kit.raw('bob', 'phone');
    // Alice must be known to bob's server-side session: a first message both ways.
    const first = `before the drop ${Date.now()}`;
    await alice.connection.sendMessage({ conversationId: 'bob@localhost', localId: '1', kind: 'text', body: first });
    await bob.waitFor(new RegExp(first));

    alice.xmpp.simulateNetworkDrop();
    const during = `sent during the drop ${Date.now()}`;
    await alice.connection.sendMessage({ conversationId: 'bob@localhost', localId: '2', kind: 'text', body: during });
    const incoming = `to alice during the drop ${Date.now()}`;
    bob.send(`<message to='alice@localhost' type='chat' id='m-during'><body>${incoming}</body></message>`);

    await bob.waitFor(new RegExp(during));
    await alice.waitForMessage('bob\'s message sent during the drop', (m) => m.body === incoming);
    await alice.waitForEvent('message.confirmed', (e) => e.localId === '2');
    expect(alice.states).toContain('reconnecting');
    expect(alice.states.at(-1)).toBe('online');
    expect(alice.states).not.toContain('failed');

    // Sentinels after the resumption: anything doubled would have arrived before them.
    const after = `after the drop ${Date.now()}`;
    await alice.connection.sendMessage({ conversationId: 'bob@localhost', localId: '3', kind: 'text', body: after });
    await bob.waitFor(new RegExp(after));
    bob.send(`<message to='alice@localhost' type='chat' id='m-after'><body>${after}</body></message>`);
    await alice.waitForMessage('bob\'s sentinel', (m) => m.body === after);
    expect(bob.received.filter((element) => element.includes(during))).toHaveLength(1);
    expect(alice.received().filter((m) => m.body === incoming)).toHaveLength(1);
  });
});

describe('XMPP login on other server configurations', () => {
  it('SCRAM-SHA-256 when the server stores SHA-256 keys', async () => {
    const kit = await startXmppKit({ passwordHash: 'SHA-256' });
    try {
      const alice = await kit.online('alice');
      expect(alice.id).toBe('alice@localhost');
      const wrong = kit.account('alice', { password: 'nope' });
      expect((await rejection(wrong.connection.connect())).kind).toBe('auth');
    } finally {
      await kit.stop();
    }
  });

  it('a session the server forgot is reported failed (the core reconnects), and what was queued fails as never sent', async () => {
    const kit = await startXmppKit();
    try {
      const alice = await kit.online('alice', { resource: 'laptop' });
      await kit.user('bob');
      let release = (): void => undefined;
      alice.xmpp.simulateNetworkDrop(new Promise<void>((resolve) => { release = resolve; }));
      await alice.connection.sendMessage({ conversationId: 'bob@localhost', localId: '7', kind: 'text', body: 'into the void' });
      // Another login with the same resource replaces the hibernating session (RFC 6120 §7.7.2.2).
      await kit.raw('alice', 'laptop');
      release();
      const failed = await alice.waitForEvent('connection.state', (e) => e.state === 'failed');
      expect(failed.error?.kind).toBe('network');
      expect(failed.error?.message).toMatch(/could not be resumed/);
      const lost = await alice.waitForEvent('message.failed', (e) => e.localId === '7');
      // Held for the resumption, never written: the core keeps it for after the reconnect.
      expect(lost.error).toEqual({ kind: 'network', message: 'The connection was lost before this message could be sent.', notSent: true });
      // A new connection (what the core makes) logs in again.
      const again = await kit.online('alice');
      expect(again.states.at(-1)).toBe('online');
    } finally {
      await kit.stop();
    }
  });

  it('refuses to send the password in clear text unless the user allows it', async () => {
    const kit = await startXmppKit({ plainOnly: true });
    try {
      await kit.user('alice');
      const plain = kit.account('alice', { security: 'plain' });
      const error = await rejection(plain.connection.connect());
      expect(error.kind).toBe('protocol');
      expect(error.message).toMatch(/clear text/);
      // STARTTLS first: PLAIN inside TLS is fine.
      const tls = await kit.online('alice');
      expect(tls.id).toBe('alice@localhost');
      const allowed = await kit.online('alice', { security: 'plain', allowPlainPassword: true });
      expect(allowed.id).toBe('alice@localhost');
    } finally {
      await kit.stop();
    }
  });
});
