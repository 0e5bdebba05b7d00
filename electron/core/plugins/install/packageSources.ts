/**
 * Where a plugin to install comes from, brought into a private staging folder: a folder
 * on this computer (copied; links refused), a packed `.tgz` (unpacked by tarball.ts), or a
 * package on the npm registry (`name` or `name@version`, npmRegistry.ts), whose tarball must
 * match the registry's integrity before anything of it is unpacked.
 */
import { lstatSync, mkdirSync, readdirSync, copyFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InstallError } from './installError.js';
import { downloadFromRegistry, parseNpmSpec } from './npmRegistry.js';
import { readTarGz } from './tarball.js';

export type PluginPackageSource =
  | { readonly kind: 'folder'; readonly path: string }
  | { readonly kind: 'tarball'; readonly bytes: Buffer; readonly name: string }
  /** `name`, `name@version` or `name@tag`. */
  | { readonly kind: 'npm'; readonly name: string };

export const DEFAULT_NPM_REGISTRY = 'https://registry.npmjs.org';

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
      const spec = parseNpmSpec(source.name);
      const { bytes, version } = await downloadFromRegistry(spec, registry);
      unpack(bytes, staging);
      return `npm ${spec.name}@${version}`;
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
