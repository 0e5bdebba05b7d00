/** The ejabberd test server script itself: serves XMPP with STARTTLS, registers users, keeps them over a crash, stops. */
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEjabberd, type RunningEjabberd } from '../servers/ejabberd.js';
import { connectRawXmppClient } from '../servers/prosody/rawXmppClient.js';

function streamFeatures(port: number): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let text = '';
    socket.on('connect', () => socket.write("<?xml version='1.0'?><stream:stream to='localhost' version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>"));
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (text.includes('</stream:features>')) {
        socket.destroy();
        resolve(text);
      }
    });
    socket.on('error', reject);
  });
}

describe('startEjabberd', () => {
  let ejabberd: RunningEjabberd;
  beforeAll(async () => {
    ejabberd = await startEjabberd();
  });
  afterAll(async () => {
    await ejabberd.stop();
  });

  it('requires STARTTLS, registers users, keeps them after a SIGKILL and restart, and cleans up', async () => {
    expect(ejabberd.certificateFingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const features = await streamFeatures(ejabberd.c2sPort);
    expect(features).toMatch(/<starttls xmlns=['"]urn:ietf:params:xml:ns:xmpp-tls['"]>\s*<required\/>/);

    await ejabberd.register('smoke', 'pw');
    const before = await connectRawXmppClient({ port: ejabberd.directTlsPort, user: 'smoke', password: 'pw' });
    expect(before.jid).toMatch(/^smoke@localhost\//);
    before.destroy();

    ejabberd.signal('SIGKILL');
    await ejabberd.restart();
    const after = await connectRawXmppClient({ port: ejabberd.directTlsPort, user: 'smoke', password: 'pw' });
    expect(after.jid).toMatch(/^smoke@localhost\//);
    await after.close();

    const dir = path.dirname(ejabberd.configFile);
    await ejabberd.stop();
    expect(existsSync(dir)).toBe(false);
  });
});
