/**
 * Which names the headless server answers to (Origin and Host, against DNS rebinding),
 * TLS, and what the served folder gives away (symlinks, source maps).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHeadlessServer, type HeadlessServer } from './headlessServer.js';
import { echoBridge, openSocket, rendererDir, TEST_TOKEN } from './headlessTestKit.js';

const TOKEN = TEST_TOKEN;
const rendererWithMap = (): string => rendererDir({ 'assets/app.js': 'console.log(1)\n', 'assets/app.js.map': '{"version":3,"sources":["../src/secret.ts"]}' });

/** A GET with a Host header of our choosing (fetch will not send one). */
function get(port: number, path: string, host: string, ca?: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const options = { host: '127.0.0.1', port, path, headers: { Host: host } };
    const done = (response: import('node:http').IncomingMessage): void => {
      let body = '';
      response.on('data', (chunk: Buffer) => { body += chunk.toString('utf8'); });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    };
    const request = ca === undefined ? httpRequest(options, done) : httpsRequest({ ...options, ca, servername: 'localhost' }, done);
    request.on('error', reject);
    request.end();
  });
}

let server: HeadlessServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('headless server names, TLS and files', () => {
  it('on a loopback bind answers to the loopback names, and to nothing else (DNS rebinding)', async () => {
    server = await startHeadlessServer({ bridge: echoBridge, rendererDir: rendererWithMap(), host: '127.0.0.1', port: 0, token: TOKEN });
    const { port } = server;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
      expect((await get(port, `/${TOKEN}/`, host)).status, host).toBe(200);
    }
    for (const host of [`evil.example:${port}`, `127.0.0.1.nip.io:${port}`, `localhost:${port + 1}`, 'localhost']) {
      const answer = await get(port, `/${TOKEN}/`, host);
      expect(answer.status, host).toBe(403);
      expect(answer.body).toMatch(/not a name this server answers to/);
    }

    const ws = `ws://127.0.0.1:${port}/${TOKEN}/bridge`;
    for (const origin of [`http://localhost:${port}`, `http://127.0.0.1:${port}`, `http://[::1]:${port}`]) {
      (await openSocket(ws, { origin })).close();
    }
    for (const origin of ['http://evil.example', `http://localhost:${port + 1}`, `https://localhost:${port}`, 'null']) {
      await expect(openSocket(ws, { origin }), origin).rejects.toThrow('HTTP 403');
    }
    await expect(openSocket(ws, { headers: { Host: `evil.example:${port}` } })).rejects.toThrow('HTTP 403');
  });

  it('on an all-interfaces bind answers to the loopback names and the configured public name', async () => {
    server = await startHeadlessServer({ bridge: echoBridge, rendererDir: rendererWithMap(), host: '0.0.0.0', port: 0, token: TOKEN, publicNames: ['chat.home.arpa'] });
    const { port } = server;
    expect(server.url).toBe(`http://chat.home.arpa:${port}/${TOKEN}/`);
    for (const host of [`0.0.0.0:${port}`, `localhost:${port}`, `chat.home.arpa:${port}`]) {
      expect((await get(port, `/${TOKEN}/`, host)).status, host).toBe(200);
    }
    expect((await get(port, `/${TOKEN}/`, `attacker.example:${port}`)).status).toBe(403);
    const ws = `ws://127.0.0.1:${port}/${TOKEN}/bridge`;
    (await openSocket(ws, { origin: `http://chat.home.arpa:${port}` })).close();
    (await openSocket(ws, { origin: `http://localhost:${port}` })).close();
    await expect(openSocket(ws, { origin: `http://attacker.example:${port}` })).rejects.toThrow('HTTP 403');
  });

  it('serves the page and the bridge over TLS when given a certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-tls-'));
    const certFile = join(dir, 'cert.pem');
    const keyFile = join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost',
      '-days', '2', '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
    const cert = readFileSync(certFile);
    server = await startHeadlessServer({ bridge: echoBridge, rendererDir: rendererWithMap(), host: '127.0.0.1', port: 0, token: TOKEN, tls: { cert, key: readFileSync(keyFile) } });
    const { port } = server;
    expect(server.url).toBe(`https://127.0.0.1:${port}/${TOKEN}/`);
    const page = await get(port, `/${TOKEN}/`, `localhost:${port}`, cert);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Switchboard</title>');

    const ws = await openSocket(`wss://localhost:${port}/${TOKEN}/bridge`, { ca: cert, origin: `https://localhost:${port}` });
    const reply = new Promise<string>((resolve) => ws.once('message', (data: Buffer) => resolve(data.toString('utf8'))));
    ws.send(JSON.stringify({ type: 'request', id: 1, method: 'accounts.list', params: {} }));
    expect(JSON.parse(await reply)).toEqual({ type: 'reply', id: 1, ok: true, value: 'accounts.list' });
    ws.close();
    // The plain-text origin is not the page's: a http:// page may not use the wss:// bridge.
    await expect(openSocket(`wss://localhost:${port}/${TOKEN}/bridge`, { ca: cert, origin: `http://localhost:${port}` })).rejects.toThrow('HTTP 403');
  });

  it('refuses symlinks in the served folder and never serves source maps', async () => {
    const dir = rendererWithMap();
    const outside = mkdtempSync(join(tmpdir(), 'switchboard-outside-'));
    writeFileSync(join(outside, 'secret.txt'), 'not for you');
    symlinkSync(join(outside, 'secret.txt'), join(dir, 'assets', 'linked.txt'));
    symlinkSync(outside, join(dir, 'linked-folder'));
    symlinkSync(join(dir, 'assets', 'app.js'), join(dir, 'assets', 'inside-link.js'));
    server = await startHeadlessServer({ bridge: echoBridge, rendererDir: dir, host: '127.0.0.1', port: 0, token: TOKEN });
    expect((await fetch(`${server.url}assets/app.js`)).status).toBe(200);
    for (const path of ['assets/linked.txt', 'linked-folder/secret.txt', 'assets/inside-link.js', 'assets/app.js.map']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text()).toBe('Not found');
    }
  });
});
