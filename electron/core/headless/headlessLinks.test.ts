/**
 * A link in the page's address (`<url>?open=xmpp:…`) changes nothing of the headless
 * server's rules: the page comes only with the token and an allowed Host, whatever the
 * query holds. The page itself reads the link (renderer/state/linkIntake.ts).
 */
import { request } from 'node:http';
import { afterEach, expect, it } from 'vitest';
import { startHeadlessServer, type HeadlessServer } from './headlessServer.js';
import { echoBridge, rendererDir, TEST_TOKEN } from './headlessTestKit.js';

/** A GET with a Host header of our choosing (fetch will not send one). */
function statusWithHost(port: number, path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, headers: { Host: host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }).on('error', reject).end();
  });
}

let server: HeadlessServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

it('serves the page with ?open= only under the token and to an allowed host', async () => {
  server = await startHeadlessServer({ bridge: echoBridge, rendererDir: rendererDir(), host: '127.0.0.1', port: 0, token: TEST_TOKEN });
  const link = encodeURIComponent('irc://irc.example.org/%23chan');
  const page = await fetch(`${server.url}?open=${link}`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<title>Switchboard</title>');
  for (const url of [`http://127.0.0.1:${server.port}/?open=${link}`, `http://127.0.0.1:${server.port}/?open=/${TEST_TOKEN}/`]) {
    const refused = await fetch(url);
    expect(refused.status, url).toBe(403);
  }
  // A page asked for by another name (DNS rebinding) is refused, link or not.
  const path = `/${TEST_TOKEN}/?open=${link}`;
  expect(await statusWithHost(server.port, path, `localhost:${server.port}`)).toBe(200);
  expect(await statusWithHost(server.port, path, `evil.example:${server.port}`)).toBe(403);
});
