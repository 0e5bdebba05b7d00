/** File upload in headless mode: a streamed HTTP POST, token- and origin-checked, size-capped. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BridgeEndpoint } from '../bridge/bridgeSession.js';
import { startHeadlessServer, type HeadlessServer } from './headlessServer.js';
import { StagedUploads } from './stagedUploads.js';
import { httpFileUpload } from '../../../renderer/bridge/httpUpload.js';

const TOKEN = 'T0KEN-abcdefghijklmnopqrstuvwxyz0123';
const idleBridge: BridgeEndpoint = { openSession: () => ({ receive: () => undefined, close: () => undefined }) };

function rendererDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-renderer-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Switchboard</title>');
  return dir;
}

/** A POST whose body is written in chunks with no Content-Length (chunked encoding). */
function postChunked(port: number, path: string, chunks: number, chunkBytes: number): Promise<string> {
  return new Promise((resolve) => {
    const request = httpRequest({ host: '127.0.0.1', port, path, method: 'POST' }, (response) => resolve(`HTTP ${response.statusCode}`));
    request.on('error', (error) => resolve(`error ${error.message}`));
    let sent = 0;
    const write = (): void => {
      while (sent < chunks) {
        sent++;
        if (!request.write(Buffer.alloc(chunkBytes, 1))) {
          request.once('drain', write);
          return;
        }
      }
      request.end();
    };
    write();
  });
}

let server: HeadlessServer | undefined;
let uploads: StagedUploads | undefined;
afterEach(async () => {
  await server?.close();
  await uploads?.close();
  server = undefined;
});

describe('headless file upload', () => {
  it('streams a POSTed file into a private staged file that messages.sendFile can take once', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'switchboard-staged-')), 'staged');
    uploads = new StagedUploads(dir, { maxBytes: 1024 * 1024, maxActive: 2, keepMs: 60_000 });
    server = await startHeadlessServer({ bridge: idleBridge, rendererDir: rendererDir(), host: '127.0.0.1', port: 0, token: TOKEN, uploads });
    const origin = `http://127.0.0.1:${server.port}`;
    const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => i % 251));

    const answer = await fetch(`${server.url}upload`, { method: 'POST', body: bytes, headers: { Origin: origin, 'Content-Type': 'application/octet-stream' } });
    expect(answer.status).toBe(200);
    const { uploadId } = await answer.json() as { uploadId: string };
    const staged = uploads.take(uploadId);
    expect(staged?.size).toBe(bytes.length);
    expect(staged && readFileSync(staged.path).equals(bytes)).toBe(true);
    expect(uploads.take(uploadId)).toBeUndefined();

    const tooBig = await fetch(`${server.url}upload`, { method: 'POST', body: Buffer.alloc(1024 * 1024 + 1), headers: { Origin: origin } });
    expect(tooBig.status).toBe(413);
    expect(await tooBig.text()).toBe('The file is too large (the limit is 1 MB).');
    // Chunked, so the size is known only while it streams: cut off at the limit, nothing kept.
    expect(await postChunked(server.port, `/${TOKEN}/upload`, 40, 64 * 1024)).not.toBe('HTTP 200');
    expect(readdirSync(dir).filter((name) => name !== staged?.path.split('/').pop())).toEqual([]);

    expect((await fetch(`${server.url}upload`, { method: 'POST', body: 'x', headers: { Origin: 'http://evil.example' } })).status).toBe(403);
    expect((await fetch(`${origin}/wrong-token/upload`, { method: 'POST', body: 'x' })).status).toBe(403);
    expect((await fetch(`${server.url}upload`)).status).toBe(404);
  });

  it('deletes an upload nobody sent', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'switchboard-staged-')), 'staged');
    uploads = new StagedUploads(dir, { maxBytes: 1024, maxActive: 2, keepMs: 50 });
    server = await startHeadlessServer({ bridge: idleBridge, rendererDir: rendererDir(), host: '127.0.0.1', port: 0, token: TOKEN, uploads });
    const { uploadId } = await (await fetch(`${server.url}upload`, { method: 'POST', body: 'hello' })).json() as { uploadId: string };
    expect(existsSync(join(dir, uploadId))).toBe(true);
    const deadline = Date.now() + 10_000;
    while (existsSync(join(dir, uploadId)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(existsSync(join(dir, uploadId))).toBe(false);
    expect(uploads.take(uploadId)).toBeUndefined();
  });

  it('is what the page uses: the file goes by HTTP, a refusal comes back in words', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'switchboard-staged-')), 'staged');
    uploads = new StagedUploads(dir, { maxBytes: 1024, maxActive: 2, keepMs: 60_000 });
    server = await startHeadlessServer({ bridge: idleBridge, rendererDir: rendererDir(), host: '127.0.0.1', port: 0, token: TOKEN, uploads });
    const upload = httpFileUpload(`${server.url}#conversation-3`, (url, init) => fetch(url, init));
    const uploadId = await upload(new Blob(['a picture']));
    expect(uploads.take(uploadId)?.size).toBe(9);
    await expect(upload(new Blob([Buffer.alloc(2048)]))).rejects.toThrow('The file is too large (the limit is 1 KB).');
  });
});
