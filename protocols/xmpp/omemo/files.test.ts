import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadAesgcm, parseAesgcm, sealFile } from './files.js';

describe('OMEMO encrypted files (XEP-0454)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'omemo-files-'));
  const served = new Map<string, Buffer>();
  let server: Server;
  let base = '';
  beforeAll(async () => {
    // A real HTTP server on loopback, serving what a test put there (as an upload service would).
    server = createServer((request, response) => {
      const body = served.get(request.url ?? '');
      response.writeHead(body ? 200 : 404, { 'Content-Type': 'application/octet-stream' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('a sealed file opens with its link, and a changed byte is refused in words', async () => {
    const source = join(dir, 'plain.txt');
    writeFileSync(source, 'the secret plans');
    const sealed = await sealFile(source, dir);
    const bytes = readFileSync(sealed.path);
    expect(bytes.length).toBe('the secret plans'.length + 16);
    served.set('/f/plans.txt', bytes);
    const link = sealed.link(`${base}/f/plans.txt`);
    expect(link).toMatch(/^aesgcm:\/\/127\.0\.0\.1:\d+\/f\/plans\.txt#[0-9a-f]{88}$/);
    await sealed.dispose();

    const target = join(dir, 'out.txt');
    const request = { attachment: { url: link, name: 'plans.txt', kind: 'file' as const }, variant: 'file' as const, path: target, maxBytes: 1000, downloadId: 'd' };
    expect((await downloadAesgcm(request)).size).toBe(16);
    expect(readFileSync(target, 'utf8')).toBe('the secret plans');

    const tampered = Buffer.from(bytes);
    tampered[0] = (tampered[0] ?? 0) ^ 1;
    served.set('/f/plans.txt', tampered);
    await expect(downloadAesgcm({ ...request, path: join(dir, 'out2.txt') })).rejects.toThrow('The encrypted file does not match its key');
    await expect(downloadAesgcm({ ...request, maxBytes: 4 })).rejects.toThrow('larger than allowed');
  });

  it('reads 12- and 16-byte IVs, and nothing else', () => {
    const key = 'ab'.repeat(32);
    expect(parseAesgcm(`aesgcm://example.org/a.png#${'01'.repeat(12)}${key}`)).toMatchObject({ url: 'https://example.org/a.png' });
    expect(parseAesgcm(`aesgcm://example.org/a.png#${'01'.repeat(16)}${key}`)?.iv).toHaveLength(16);
    expect(parseAesgcm(`aesgcm://example.org/a.png#${key}`)).toBeUndefined();
    expect(parseAesgcm(`https://example.org/a.png#${'01'.repeat(12)}${key}`)).toBeUndefined();
  });
});
