/**
 * Plugin packages for the installer's tests: a small echo plugin written into a folder with
 * the manifest a test asks for, packed as `npm pack` packs (`package/…` in a gzipped tar,
 * by the system's tar), and a local npm registry (metadata + tarball, as registry.npmjs.org
 * serves them) on 127.0.0.1.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface EchoManifest {
  readonly id: string;
  readonly version?: string;
  readonly apiVersion?: string;
  readonly name?: string;
}

/** A folder holding an echo plugin with this manifest (and a package.json naming its author). */
export function writeEchoPlugin(dir: string, manifest: EchoManifest): string {
  mkdirSync(dir, { recursive: true });
  const full = {
    id: manifest.id, name: manifest.name ?? 'Echo', version: manifest.version ?? '1.0.0', apiVersion: manifest.apiVersion ?? '^0.3.0',
    description: 'Says back what it is told.',
    capabilities: { directMessages: true }, accountFields: [{ key: 'name', kind: 'text', label: 'Name', required: true }], accountLabelField: 'name',
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `switchboard-echo`, version: full.version, type: 'module', author: 'Ada Example <ada@example.org>' }));
  writeFileSync(join(dir, 'index.js'), `const manifest = ${JSON.stringify(full)};
export default {
  manifest,
  createConnection(context) {
    return {
      async connect() { context.emit({ type: 'connection.state', state: 'online', selfId: String(context.settings.name) }); },
      async disconnect() { context.emit({ type: 'connection.state', state: 'offline' }); },
      async sendMessage({ conversationId, localId, body }) {
        context.emit({ type: 'message.confirmed', localId, timestamp: Date.now() });
        context.emit({ type: 'message.received', message: { conversationId, senderId: conversationId, senderName: conversationId, kind: 'text', body: manifest.version + ' echo: ' + body, timestamp: Date.now() } });
      },
    };
  },
};
`);
  return dir;
}

/** Packs a plugin folder as npm does: everything under `package/`. */
export function packPlugin(dir: string): Buffer {
  const work = mkdtempSync(join(tmpdir(), 'switchboard-pack-'));
  cpSync(dir, join(work, 'package'), { recursive: true });
  execFileSync('tar', ['-czf', join(work, 'plugin.tgz'), '-C', work, 'package']);
  return readFileSync(join(work, 'plugin.tgz'));
}

export function sriOf(bytes: Buffer): string {
  return `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
}

export interface LocalRegistry {
  readonly url: string;
  /** Publishes `bytes` as the latest version of `name`, with this integrity (the true one unless a test lies). */
  publish(name: string, version: string, bytes: Buffer, integrity?: string): void;
  close(): Promise<void>;
}

export async function startLocalRegistry(): Promise<LocalRegistry> {
  const packages = new Map<string, { version: string; bytes: Buffer; integrity: string }>();
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(request.url ?? '/').slice(1);
    const tarball = /^(.+)\/-\/.+\.tgz$/.exec(path);
    const found = packages.get(tarball?.[1] ?? path);
    if (!found) {
      response.writeHead(404).end('{}');
      return;
    }
    if (tarball) {
      response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(found.bytes);
      return;
    }
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
      name: path, 'dist-tags': { latest: found.version },
      versions: { [found.version]: { name: path, version: found.version, dist: { tarball: `${base}/${path}/-/plugin-${found.version}.tgz`, integrity: found.integrity } } },
    }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    publish: (name, version, bytes, integrity = sriOf(bytes)) => void packages.set(name, { version, bytes, integrity }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
