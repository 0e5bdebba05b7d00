import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerFrame } from '../../bridge/frames.js';
import type { BridgeEndpoint } from '../bridge/bridgeSession.js';
import { HEADLESS_CSP, startHeadlessServer, type HeadlessServer } from './headlessServer.js';

/** Answers every request with its own method name. */
const echoBridge: BridgeEndpoint = {
  openSession: (send: (frame: ServerFrame) => void) => ({
    receive: (frame) => {
      const { id, method } = frame as { id: number; method: string };
      send({ type: 'reply', id, ok: true, value: method });
    },
    close: () => undefined,
  }),
};

function rendererDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-renderer-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Switchboard</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, '..', 'outside-secret.txt'), 'not for you');
  return dir;
}

function openSocket(url: string, origin?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin === undefined ? {} : { origin });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
  });
}

let server: HeadlessServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('headless server', () => {
  it('serves the UI only under the secret token, with a strict CSP', async () => {
    server = await startHeadlessServer({ bridge: echoBridge, rendererDir: rendererDir(), host: '127.0.0.1', port: 0, token: 'T0KEN-abcdefghijklmnopqrstuvwxyz0123' });
    const origin = `http://127.0.0.1:${server.port}`;
    expect(server.url).toBe(`${origin}/T0KEN-abcdefghijklmnopqrstuvwxyz0123/`);

    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Switchboard</title>');
    expect(page.headers.get('content-security-policy')).toBe(HEADLESS_CSP);
    expect(HEADLESS_CSP).toContain("script-src 'self'");
    expect(HEADLESS_CSP).not.toContain('unsafe');
    expect((await fetch(`${server.url}assets/app.js`)).status).toBe(200);

    for (const path of ['/', '/index.html', '/assets/app.js', '/T0KEN-abcdefghijklmnopqrstuvwxyz0124/', '/T0KEN/', '/t0ken-abcdefghijklmnopqrstuvwxyz0123/']) {
      const response = await fetch(`${origin}${path}`);
      expect(response.status, path).toBe(403);
      expect(await response.text()).toBe('Forbidden');
    }
    const traversal = await fetch(`${server.url}..%2Foutside-secret.txt`);
    expect(traversal.status).toBe(404);
    expect((await fetch(server.url, { method: 'POST' })).status).toBe(405);
  });

  it('accepts the bridge WebSocket only with the token and from its own origin', async () => {
    server = await startHeadlessServer({ bridge: echoBridge, rendererDir: rendererDir(), host: '127.0.0.1', port: 0 });
    const wsUrl = `${server.url.replace('http:', 'ws:')}bridge`;
    const origin = `http://127.0.0.1:${server.port}`;

    await expect(openSocket(`ws://127.0.0.1:${server.port}/bridge`)).rejects.toThrow('HTTP 403');
    await expect(openSocket(`ws://127.0.0.1:${server.port}/wrong-token/bridge`)).rejects.toThrow('HTTP 403');
    await expect(openSocket(wsUrl, 'http://evil.example')).rejects.toThrow('HTTP 403');

    const ws = await openSocket(wsUrl, origin);
    const reply = new Promise<string>((resolve) => ws.once('message', (data: Buffer) => resolve(data.toString('utf8'))));
    ws.send(JSON.stringify({ type: 'request', id: 7, method: 'accounts.list', params: {} }));
    expect(JSON.parse(await reply)).toEqual({ type: 'reply', id: 7, ok: true, value: 'accounts.list' });
    ws.close();
  });

  it('uses a different long random token on every run', async () => {
    const first = await startHeadlessServer({ bridge: echoBridge, rendererDir: rendererDir(), host: '127.0.0.1', port: 0 });
    const second = await startHeadlessServer({ bridge: echoBridge, rendererDir: rendererDir(), host: '127.0.0.1', port: 0 });
    const token = (url: string): string => new URL(url).pathname.split('/')[1] ?? '';
    expect(token(first.url)).not.toBe(token(second.url));
    expect(token(first.url).length).toBeGreaterThanOrEqual(43);
    await Promise.all([first.close(), second.close()]);
  });
});
