/**
 * A plugin from the npm registry, as `npm install name@version` names it: the package's
 * document (the "packument", https://github.com/npm/registry/blob/main/docs/REGISTRY-API.md)
 * says which tarball a version is and its `dist.integrity` (a Subresource Integrity string,
 * https://w3c.github.io/webappsec-subresource-integrity/); the tarball is downloaded and must
 * match that integrity before anything of it is unpacked.
 */
import { createHash } from 'node:crypto';
import { InstallError } from './installError.js';

/** npm package names (https://docs.npmjs.com/cli/v10/configuring-npm/package-json#name). */
const NPM_NAME = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;
/** An exact version (semver 2.0.0, https://semver.org/#backusnaur-form-grammar-for-valid-semver-versions, loosely) or a dist-tag. */
const VERSION_OR_TAG = /^[A-Za-z0-9][A-Za-z0-9.+-]{0,99}$/;
const MAX_TARBALL_BYTES = 40 * 1024 * 1024;

export interface NpmSpec {
  readonly name: string;
  /** An exact version or a dist-tag; `latest` when the user named none. */
  readonly version: string;
}

/** `name`, `name@1.2.3`, `name@beta`, `@scope/name@1.2.3`: the forms `npm install` takes for one version. */
export function parseNpmSpec(spec: string): NpmSpec {
  const text = spec.trim();
  const at = text.lastIndexOf('@');
  const hasVersion = at > 0;
  const name = hasVersion ? text.slice(0, at) : text;
  const version = hasVersion ? text.slice(at + 1) : 'latest';
  if (name.length > 214 || !NPM_NAME.test(name)) throw new InstallError(`"${text}" is not an npm package name (write it as name or name@version).`);
  if (!VERSION_OR_TAG.test(version)) {
    throw new InstallError(`"${version}" is not a version of ${name}: give an exact version such as 1.2.3 or a tag such as latest (ranges are not installed, so that what was shown is what runs).`);
  }
  return { name, version };
}

interface RegistryVersion {
  readonly dist?: { readonly tarball?: unknown; readonly integrity?: unknown };
}
interface Packument {
  readonly 'dist-tags'?: Readonly<Record<string, unknown>>;
  readonly versions?: Readonly<Record<string, RegistryVersion>>;
}

/** Downloads the tarball of `spec` from `registry` and checks it against the registry's integrity. */
export async function downloadFromRegistry(spec: NpmSpec, registry: string): Promise<{ bytes: Buffer; version: string }> {
  const { name } = spec;
  const base = registry.replace(/\/+$/, '');
  const metadata = await fetchOk(`${base}/${name.replace('/', '%2f')}`, `the registry has no package "${name}"`);
  let document: Packument;
  try {
    document = (await metadata.json()) as Packument;
  } catch {
    throw new InstallError(`The registry's answer for "${name}" is not a package document.`);
  }
  const versions = document.versions ?? {};
  const tagged = document['dist-tags']?.[spec.version];
  const version = typeof tagged === 'string' ? tagged : spec.version;
  const dist = Object.hasOwn(versions, version) ? versions[version]?.dist : undefined;
  if (typeof dist?.tarball !== 'string') throw new InstallError(missingVersion(name, spec.version, Object.keys(versions)));
  if (typeof dist.integrity !== 'string') throw new InstallError(`The registry gives no integrity for ${name}@${version}, so it cannot be checked.`);
  const response = await fetchOk(dist.tarball, `the package's file could not be downloaded`);
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > MAX_TARBALL_BYTES) throw new InstallError(`The package is larger than ${MAX_TARBALL_BYTES / 1024 / 1024} MB.`);
  if (!integrityMatches(bytes, dist.integrity)) {
    throw new InstallError(`The downloaded ${name}@${version} does not match the registry's integrity: it was changed on the way or on the server. Nothing was installed.`);
  }
  return { bytes, version };
}

function missingVersion(name: string, wanted: string, known: readonly string[]): string {
  if (known.length === 0) return `The registry has no released version of "${name}".`;
  if (wanted === 'latest') return `The registry names no latest version of "${name}".`;
  const shown = known.slice(-5).join(', ');
  return `The registry has no version "${wanted}" of "${name}" (it has ${known.length > 5 ? `…, ${shown}` : shown}).`;
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
