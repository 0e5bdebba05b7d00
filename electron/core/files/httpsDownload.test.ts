/**
 * The core's https fetch against a real local TLS server (its own self-signed certificate,
 * trusted through `ca` the way the system's authorities are in the app).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpsDownload } from './httpsDownload.js';

const FILE = Buffer.alloc(300_000, 7);
const MB = 1024 * 1024;

let dir: string;
let ca: string;
let server: Server;
let base: string;
let plainServer: ReturnType<typeof createHttpServer>;
let plainBase: string;
let counter = 0;

function route(request: IncomingMessage, response: ServerResponse): void {
  const url = request.url ?? '/';
  if (url === '/file') return void response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': FILE.length }).end(FILE);
  if (url === '/hop') return void response.writeHead(302, { Location: '/file' }).end();
  if (url === '/loop') return void response.writeHead(302, { Location: '/loop' }).end();
  if (url === '/to-http') return void response.writeHead(302, { Location: `${plainBase}/file` }).end();
  if (url === '/huge') return void response.writeHead(200, { 'Content-Length': 50 * MB }).end();
  if (url === '/endless') {
    // No Content-Length: the limit must hold while reading.
    response.writeHead(200);
    const chunk = Buffer.alloc(64 * 1024);
    const pump = (): void => {
      while (response.write(chunk)) { /* fill the buffer */ }
      response.once('drain', pump);
    };
    pump();
    request.on('close', () => response.destroy());
    return;
  }
  response.writeHead(404).end('gone');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sb-https-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
    '-days', '2', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  ca = readFileSync(join(dir, 'cert.pem'), 'utf8');
  server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: ca }, route);
  plainServer = createHttpServer(route);
  await Promise.all([
    new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)),
    new Promise<void>((resolve) => plainServer.listen(0, '127.0.0.1', resolve)),
  ]);
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  plainBase = `http://127.0.0.1:${(plainServer.address() as AddressInfo).port}`;
}, 30_000);

afterAll(() => {
  server.closeAllConnections();
  server.close();
  plainServer.close();
  rmSync(dir, { recursive: true, force: true });
});

const target = (): string => join(dir, `out-${++counter}`);

describe('httpsDownload', () => {
  it('writes the bytes, following a redirect, and reports progress', async () => {
    const path = target();
    const seen: number[] = [];
    const result = await httpsDownload(`${base}/hop`, path, { maxBytes: MB, ca, onProgress: (received) => seen.push(received) });
    expect(result).toEqual({ size: FILE.length, mimeType: 'application/octet-stream' });
    expect(readFileSync(path).equals(FILE)).toBe(true);
    expect(seen.at(-1)).toBe(FILE.length);
  });

  it('refuses a certificate it cannot verify', async () => {
    const path = target();
    await expect(httpsDownload(`${base}/file`, path, { maxBytes: MB })).rejects.toThrow(/certificate of 127\.0\.0\.1 could not be verified/);
    expect(existsSync(path)).toBe(false);
  });

  it('refuses plain http, also when a redirect leads there, and endless redirects', async () => {
    await expect(httpsDownload(`${plainBase}/file`, target(), { maxBytes: MB, ca })).rejects.toThrow(/only https links/);
    await expect(httpsDownload(`${base}/to-http`, target(), { maxBytes: MB, ca })).rejects.toThrow(/only https links/);
    await expect(httpsDownload(`${base}/loop`, target(), { maxBytes: MB, ca })).rejects.toThrow(/redirected too many times/);
  });

  it('stops at the size limit, announced or not, and leaves no file', async () => {
    const huge = target();
    await expect(httpsDownload(`${base}/huge`, huge, { maxBytes: MB, ca })).rejects.toThrow(/bigger than the 1 MB limit/);
    expect(existsSync(huge)).toBe(false);
    const endless = target();
    await expect(httpsDownload(`${base}/endless`, endless, { maxBytes: MB, ca })).rejects.toThrow(/bigger than the 1 MB limit/);
    expect(existsSync(endless)).toBe(false);
  });

  it('stops when cancelled mid-transfer and leaves no file', async () => {
    const path = target();
    const controller = new AbortController();
    const download = httpsDownload(`${base}/endless`, path, {
      maxBytes: 100 * MB, ca, signal: controller.signal,
      onProgress: (received) => { if (received > 256 * 1024) controller.abort(); },
    });
    await expect(download).rejects.toThrow(/The download broke off/);
    expect(existsSync(path)).toBe(false);
  });

  it('says when the file is gone', async () => {
    await expect(httpsDownload(`${base}/expired`, target(), { maxBytes: MB, ca })).rejects.toThrow(/no longer has this file/);
  });
});
