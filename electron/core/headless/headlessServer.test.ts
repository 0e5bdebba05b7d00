import { afterEach, describe, expect, it } from 'vitest';
import { HEADLESS_CSP, startHeadlessServer, type HeadlessServer } from './headlessServer.js';
import { echoBridge, openSocket, rendererDir, TEST_TOKEN } from './headlessTestKit.js';

let server: HeadlessServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('headless server', () => {
  it('serves the UI only under the secret token, with a strict CSP', async () => {
    server = await startHeadlessServer({ bridge: echoBridge, rendererDir: rendererDir({ 'assets/app.js': 'console.log(1)', '../outside-secret.txt': 'not for you' }), host: '127.0.0.1', port: 0, token: TEST_TOKEN });
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
    server = await startHeadlessServer({ bridge: echoBridge, rendererDir: rendererDir({ 'assets/app.js': 'console.log(1)', '../outside-secret.txt': 'not for you' }), host: '127.0.0.1', port: 0 });
    const wsUrl = `${server.url.replace('http:', 'ws:')}bridge`;
    const origin = `http://127.0.0.1:${server.port}`;

    await expect(openSocket(`ws://127.0.0.1:${server.port}/bridge`)).rejects.toThrow('HTTP 403');
    await expect(openSocket(`ws://127.0.0.1:${server.port}/wrong-token/bridge`)).rejects.toThrow('HTTP 403');
    await expect(openSocket(wsUrl, { origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');

    const ws = await openSocket(wsUrl, { origin: origin });
    const reply = new Promise<string>((resolve) => ws.once('message', (data: Buffer) => resolve(data.toString('utf8'))));
    ws.send(JSON.stringify({ type: 'request', id: 7, method: 'accounts.list', params: {} }));
    expect(JSON.parse(await reply)).toEqual({ type: 'reply', id: 7, ok: true, value: 'accounts.list' });
    ws.close();
  });

  it('uses a different long random token on every run', async () => {
    const first = await startHeadlessServer({ bridge: echoBridge, rendererDir: rendererDir({ 'assets/app.js': 'console.log(1)', '../outside-secret.txt': 'not for you' }), host: '127.0.0.1', port: 0 });
    const second = await startHeadlessServer({ bridge: echoBridge, rendererDir: rendererDir({ 'assets/app.js': 'console.log(1)', '../outside-secret.txt': 'not for you' }), host: '127.0.0.1', port: 0 });
    const token = (url: string): string => new URL(url).pathname.split('/')[1] ?? '';
    expect(token(first.url)).not.toBe(token(second.url));
    expect(token(first.url).length).toBeGreaterThanOrEqual(43);
    await Promise.all([first.close(), second.close()]);
  });
});
