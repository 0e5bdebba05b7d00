/**
 * Issue 12: an XEP-0363 slot's Authorization (or Cookie) header is never sent over plain HTTP
 * across a network. Prosody's upload service is made to hand out http:// URLs on this
 * machine's non-loopback address (where it also listens): the upload is refused in words and
 * nothing reaches the HTTP server. Over loopback the same upload works (xmpp-chat.test.ts).
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startXmppKit, type XmppKit } from '../servers/prosody/xmppTestKit.js';

/** This machine's first non-loopback IPv4 address: reachable, but across a network interface. */
function externalAddress(): string {
  for (const addresses of Object.values(os.networkInterfaces())) {
    const found = addresses?.find((address) => address.family === 'IPv4' && !address.internal);
    if (found) return found.address;
  }
  throw new Error('this machine has no non-loopback IPv4 address for the upload test');
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

let kit: XmppKit | undefined;
afterAll(async () => {
  await kit?.stop();
});

describe('XEP-0363 upload to an http:// URL', () => {
  it('refuses in words to send the slot\'s Authorization header unencrypted, and uploads nothing', async () => {
    const host = externalAddress();
    kit = await startXmppKit({ uploadHost: host });
    expect(kit.prosody.uploadUrl).toMatch(/^http:\/\//);
    const alice = await kit.online('alice');
    const dir = mkdtempSync(join(tmpdir(), 'xmpp-upload-http-'));
    const file = join(dir, 'secret.txt');
    writeFileSync(file, 'not for the network');
    if (!alice.connection.uploadFile) throw new Error('no uploadFile');
    const dataDir = join(dirname(kit.prosody.configFile), 'data');
    await expect(alice.connection.uploadFile({ conversationId: 'bob@localhost', localId: '1', path: file, name: 'secret.txt', mimeType: 'text/plain', size: 19 }))
      .rejects.toThrow(`upload.localhost asked to upload secret.txt without encryption (http://${host}:${new URL(kit.prosody.uploadUrl).port}); it was not sent, because its Authorization header would be readable on the network (XEP-0363 requires HTTPS).`);
    expect(alice.events.filter((event) => event.type === 'upload.progress')).toHaveLength(0);
    // Prosody keeps an uploaded file under its data folder (the slot's record is there already).
    expect(filesUnder(dataDir).filter((path) => readFileSync(path, 'utf8').includes('not for the network'))).toEqual([]);
  });
});
