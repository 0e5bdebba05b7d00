/** The Prosody test server script itself: starts, registers users, serves XMPP, stops. */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type RunningProsody } from '../servers/prosody.js';

describe('startProsody', () => {
  let prosody: RunningProsody;
  beforeAll(async () => {
    prosody = await startProsody();
  });
  afterAll(async () => {
    await prosody.stop();
  });

  it('answers an XMPP stream with STARTTLS offered, and registers users', async () => {
    expect(prosody.certificateFingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    await prosody.register('smoke', 'pw');
    const features = await new Promise<string>((resolve, reject) => {
      const socket = net.connect({ host: prosody.host, port: prosody.c2sPort });
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
    expect(features).toContain('urn:ietf:params:xml:ns:xmpp-tls');
  });
});
