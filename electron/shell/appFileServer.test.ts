import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveAppRequest } from './appFileServer.js';
import { CONTENT_SECURITY_POLICY } from './securityHeaders.js';

let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'switchboard-app-scheme-'));
  root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Switchboard</title>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1);');
  await writeFile(path.join(base, 'secret.txt'), 'do not serve');
  await symlink(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const get = (url: string, method = 'GET'): Promise<Response> => serveAppRequest(root, { url, method });

describe('serveAppRequest', () => {
  it('serves the entry page and assets with their types and the CSP', async () => {
    const page = await get('app://switchboard/index.html');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Switchboard</title>');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');

    const script = await get('app://switchboard/assets/app.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('puts the CSP on errors too', async () => {
    const missing = await get('app://switchboard/nope.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('refuses to leave the folder, by dot segments, encoded separators or symlinks', async () => {
    expect((await get('app://switchboard/..%2fsecret.txt')).status).toBe(403);
    expect((await get('app://switchboard/%2e%2e/secret.txt')).status).not.toBe(200);
    const viaLink = await get('app://switchboard/assets/link.txt');
    expect(viaLink.status).toBe(403);
    expect(await viaLink.text()).not.toContain('do not serve');
  });

  it('answers a folder as missing, HEAD without a body, and refuses other methods', async () => {
    expect((await get('app://switchboard/assets')).status).toBe(404);
    const head = await get('app://switchboard/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await get('app://switchboard/index.html', 'POST')).status).toBe(405);
  });

  it('serves the CSP the brief specifies', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
  });
});
