/**
 * Where a plugin to install comes from, brought into a private staging folder: a folder
 * on this computer (copied; links refused), a packed `.tgz` (unpacked by tarball.ts), or a
 * package name on the npm registry, whose tarball must match the registry's
 * `dist.integrity` (a Subresource Integrity string, https://w3c.github.io/webappsec-subresource-integrity/)
 * before anything of it is unpacked.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, copyFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InstallError } from './installError.js';
import { readTarGz } from './tarball.js';

export type PluginPackageSource =
  | { readonly kind: 'folder'; readonly path: string }
  | { readonly kind: 'tarball'; readonly bytes: Buffer; readonly name: string }
  | { readonly kind: 'npm'; readonly name: string };

export const DEFAULT_NPM_REGISTRY = 'https://registry.npmjs.org';
const MAX_TARBALL_BYTES = 40 * 1024 * 1024;

/** Fills `staging` with the plugin's files; resolves with how the source is named for the user. */
export async function stagePackage(source: PluginPackageSource, staging: string, registry: string): Promise<string> {
  switch (source.kind) {
    case 'folder':
      copyFolder(source.path, staging);
      return `folder ${source.path}`;
    case 'tarball':
      unpack(source.bytes, staging);
      return `file ${source.name}`;
    case 'npm': {
      const { bytes, version } = await downloadFromRegistry(source.name, registry);
      unpack(bytes, staging);
      return `npm ${source.name}@${version}`;
    }
  }
}

function unpack(bytes: Buffer, staging: string): void {
  for (const entry of readTarGz(bytes)) {
    const file = join(staging, entry.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, entry.data, { mode: 0o644 });
  }
}

function copyFolder(from: string, to: string): void {
  let stat;
  try {
    stat = lstatSync(from);
  } catch {
    throw new InstallError(`There is no folder ${from}.`);
  }
  if (!stat.isDirectory()) throw new InstallError(`${from} is not a folder.`);
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    if (entry.isSymbolicLink()) throw new InstallError(`The plugin folder holds a link (${source}), which plugins may not have: a link would reach outside its sandbox.`);
    if (entry.isDirectory()) copyFolder(source, join(to, entry.name));
    else if (entry.isFile()) copyFileSync(source, join(to, entry.name));
  }
}

/** npm package names (https://docs.npmjs.com/cli/v10/configuring-npm/package-json#name). */
const NPM_NAME = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

interface RegistryVersion {
  readonly dist?: { readonly tarball?: unknown; readonly integrity?: unknown };
}

async function downloadFromRegistry(name: string, registry: string): Promise<{ bytes: Buffer; version: string }> {
  if (name.length > 214 || !NPM_NAME.test(name)) throw new InstallError(`"${name}" is not an npm package name.`);
  const base = registry.replace(/\/+$/, '');
  const metadata = await fetchOk(`${base}/${name.replace('/', '%2f')}`, `the registry has no package "${name}"`);
  const document = (await metadata.json()) as { 'dist-tags'?: Record<string, unknown>; versions?: Record<string, RegistryVersion> };
  const version = document['dist-tags']?.['latest'];
  const dist = typeof version === 'string' ? document.versions?.[version]?.dist : undefined;
  if (typeof version !== 'string' || typeof dist?.tarball !== 'string') throw new InstallError(`The registry has no released version of "${name}".`);
  if (typeof dist.integrity !== 'string') throw new InstallError(`The registry gives no integrity for ${name}@${version}, so it cannot be checked.`);
  const response = await fetchOk(dist.tarball, `the package's file could not be downloaded`);
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > MAX_TARBALL_BYTES) throw new InstallError(`The package is larger than ${MAX_TARBALL_BYTES / 1024 / 1024} MB.`);
  if (!integrityMatches(bytes, dist.integrity)) {
    throw new InstallError(`The downloaded ${name}@${version} does not match the registry's integrity: it was changed on the way or on the server. Nothing was installed.`);
  }
  return { bytes, version };
}

async function fetchOk(url: string, what: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(60_000) });
  } catch (error) {
    throw new InstallError(`The npm registry could not be reached: ${error instanceof Error ? error.message : String(error)}.`);
  }
  if (!response.ok) throw new InstallError(`${what[0]?.toUpperCase() ?? ''}${what.slice(1)} (HTTP ${response.status}).`);
  return response;
}

/** True when any of the SRI string's sha512/sha384/sha256 digests matches (the strongest npm gives is sha512). */
export function integrityMatches(bytes: Buffer, integrity: string): boolean {
  const candidates = integrity.trim().split(/\s+/).flatMap((item) => {
    const match = /^(sha512|sha384|sha256)-([A-Za-z0-9+/=]+)(\?.*)?$/.exec(item);
    return match?.[1] && match[2] ? [{ algorithm: match[1], digest: match[2] }] : [];
  });
  return candidates.length > 0 && candidates.some(({ algorithm, digest }) => createHash(algorithm).update(bytes).digest('base64') === digest);
}
