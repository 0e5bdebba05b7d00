/**
 * Plugin packages for the installer's tests: a small echo plugin written into a folder with
 * the manifest a test asks for, packed as `npm pack` packs (`package/…` in a gzipped tar,
 * by the system's tar, or by `npm pack` itself), and a local npm registry (each package's
 * document with its versions, and their tarballs, as registry.npmjs.org serves them) on 127.0.0.1.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  /** Publishes `bytes` as `version` of `name`, now its latest, with this integrity (the true one unless a test lies). */
  publish(name: string, version: string, bytes: Buffer, integrity?: string): void;
  close(): Promise<void>;
}

interface Published {
  readonly bytes: Buffer;
  readonly integrity: string;
}

export async function startLocalRegistry(): Promise<LocalRegistry> {
  const packages = new Map<string, { latest: string; versions: Map<string, Published> }>();
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(request.url ?? '/').slice(1);
    const tarball = /^(.+)\/-\/plugin-(.+)\.tgz$/.exec(path);
    const found = packages.get(tarball?.[1] ?? path);
    const file = tarball?.[2] !== undefined ? found?.versions.get(tarball[2]) : undefined;
    if (!found || (tarball && !file)) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
      return;
    }
    if (file) {
      response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(file.bytes);
      return;
    }
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
      name: path, 'dist-tags': { latest: found.latest },
      versions: Object.fromEntries([...found.versions].map(([version, { integrity }]) => [version, {
        name: path, version, dist: { tarball: `${base}/${path}/-/plugin-${version}.tgz`, integrity },
      }])),
    }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    publish: (name, version, bytes, integrity = sriOf(bytes)) => {
      const entry = packages.get(name) ?? { latest: version, versions: new Map<string, Published>() };
      entry.latest = version;
      entry.versions.set(version, { bytes, integrity });
      packages.set(name, entry);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Packs a plugin folder with `npm pack` itself, as an author publishing it would; resolves with the tarball. */
export function npmPack(dir: string): Buffer {
  const work = mkdtempSync(join(tmpdir(), 'switchboard-npm-pack-'));
  const out = execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: dir, encoding: 'utf8' });
  const [info] = JSON.parse(out) as { filename: string }[];
  if (!info) throw new Error('npm pack reported no tarball');
  const bytes = readFileSync(join(work, info.filename));
  rmSync(work, { recursive: true, force: true });
  return bytes;
}
