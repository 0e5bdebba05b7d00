/**
 * Installs, updates and removes third-party plugins in `<profile>/plugins/<id>`. An
 * install happens in two steps: `inspect` brings the package into a private staging folder
 * and reads its manifest in the sandbox (nothing is installed yet), then `confirm`, after
 * the user saw the manifest and what the plugin may reach, moves it into place and starts
 * it. A plugin whose API range this Switchboard does not provide, or whose id could name a
 * path, never gets that far.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { PluginManifest } from '../../../../protocols/api/index.js';
import type { PluginInstallPreview } from '../../../bridge/pluginSchemas.js';
import { installedPluginsDir } from '../installedPlugins.js';
import { manifestProblem, pluginEntry, type PluginRegistry } from '../pluginRegistry.js';
import type { SandboxSpawner } from '../runtime/pluginRuntime.js';
import { sandboxAllowances } from '../runtime/sandboxPolicy.js';
import { readInstallRecords, updateInstallRecords } from './installRecords.js';
import { InstallError } from './installError.js';
import { stagePackage, type PluginPackageSource } from './packageSources.js';
import { readStagedManifest } from './stagedManifest.js';

/** An installed plugin's id names its folder: lower-case letters, digits, `.`, `_`, `-`, not starting with a dot. */
const INSTALLABLE_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export interface PluginInstallerDeps {
  readonly profileDir: string;
  readonly plugins: PluginRegistry;
  readonly runtimeEntry: string;
  readonly spawn: SandboxSpawner;
  readonly npmRegistry: string;
  /** The accounts that use a plugin (a plugin with accounts is not removed). */
  readonly accountsOf: (pluginId: string) => readonly { readonly id: string; readonly label: string }[];
  /** A plugin (re)appeared: its enabled accounts connect. */
  readonly pluginAvailable: (pluginId: string) => void;
}

interface Pending {
  readonly staging: string;
  readonly manifest: PluginManifest;
  readonly source: string;
}

export class PluginInstaller {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly deps: PluginInstallerDeps) {
    // What an interrupted install left behind.
    rmSync(this.stagingRoot, { recursive: true, force: true });
  }

  private get stagingRoot(): string {
    return join(this.deps.profileDir, 'plugins-staging');
  }

  async inspect(source: PluginPackageSource): Promise<PluginInstallPreview> {
    const token = randomUUID();
    const staging = join(this.stagingRoot, token, 'plugin');
    const scratch = join(this.stagingRoot, token, 'scratch');
    mkdirSync(staging, { recursive: true, mode: 0o700 });
    mkdirSync(scratch, { recursive: true, mode: 0o700 });
    try {
      const label = await stagePackage(source, staging, this.deps.npmRegistry);
      const entry = pluginEntry(staging);
      if (!entry) throw new InstallError('The package has no index.js (a plugin\'s entry module) at its top.');
      const manifest = await readStagedManifest(entry, staging, scratch, this.deps.runtimeEntry, this.deps.spawn);
      this.check(manifest);
      this.pending.set(token, { staging, manifest, source: label });
      const installed = this.deps.plugins.get(manifest.id);
      const author = manifest.author ?? packageAuthor(staging);
      return {
        token, id: manifest.id, name: manifest.name, version: manifest.version, apiVersion: manifest.apiVersion, source: label,
        ...(author !== undefined ? { author } : {}),
        ...(manifest.description !== undefined ? { description: manifest.description } : {}),
        capabilities: Object.entries(manifest.capabilities).filter(([, on]) => on === true).map(([name]) => name),
        allowances: sandboxAllowances(manifest.nativeAddons === true),
        ...(installed ? { replacesVersion: installed.manifest.version } : {}),
      };
    } catch (error) {
      rmSync(join(this.stagingRoot, token), { recursive: true, force: true });
      throw error instanceof InstallError ? error : new InstallError(`The plugin cannot be installed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  cancel(token: string): void {
    this.pending.delete(token);
    rmSync(join(this.stagingRoot, token), { recursive: true, force: true });
  }

  /** Moves the inspected plugin into place (replacing an older version) and starts it. */
  async confirm(token: string): Promise<string> {
    const pending = this.pending.get(token);
    if (!pending) throw new InstallError('This install is no longer waiting (it was cancelled or already done). Start it again.');
    this.pending.delete(token);
    const { id } = pending.manifest;
    const target = join(installedPluginsDir(this.deps.profileDir), id);
    const previous = this.deps.plugins.get(id);
    if (previous) await this.deps.plugins.unload(id);
    mkdirSync(installedPluginsDir(this.deps.profileDir), { recursive: true, mode: 0o700 });
    const old = `${target}.old-${token}`;
    if (existsSync(target)) renameSync(target, old);
    renameSync(pending.staging, target);
    rmSync(old, { recursive: true, force: true });
    rmSync(join(this.stagingRoot, token), { recursive: true, force: true });
    updateInstallRecords(this.deps.profileDir, (records) => {
      records.installed[id] = { source: pending.source, version: pending.manifest.version, installedAt: Date.now(), nativeAddons: pending.manifest.nativeAddons === true };
    });
    await this.deps.plugins.addInstalled(target);
    if (previous) this.deps.pluginAvailable(id);
    return id;
  }

  /** Removes an installed plugin and its data; refused while accounts use it. */
  async remove(id: string): Promise<void> {
    const plugin = this.deps.plugins.get(id);
    if (!plugin || plugin.source !== 'installed') throw new InstallError('Only installed plugins can be removed.');
    const accounts = this.deps.accountsOf(id);
    if (accounts.length > 0) {
      throw new InstallError(`${plugin.manifest.name} still has ${accounts.length === 1 ? 'an account' : `${accounts.length} accounts`}: remove ${accounts.length === 1 ? 'it' : 'them'} in Accounts first.`);
    }
    await this.deps.plugins.unload(id);
    rmSync(plugin.dir, { recursive: true, force: true });
    if (plugin.dataRoot !== undefined) rmSync(plugin.dataRoot, { recursive: true, force: true });
    updateInstallRecords(this.deps.profileDir, (records) => {
      records.installed = Object.fromEntries(Object.entries(records.installed).filter(([other]) => other !== id));
      records.disabled = records.disabled.filter((other) => other !== id);
    });
  }

  /** Where an installed plugin came from. */
  sourceOf(id: string): string | undefined {
    return readInstallRecords(this.deps.profileDir).installed[id]?.source;
  }

  async close(): Promise<void> {
    for (const token of [...this.pending.keys()]) this.cancel(token);
    await Promise.resolve();
  }

  private check(manifest: PluginManifest): void {
    const id: unknown = manifest.id;
    if (typeof id !== 'string' || !INSTALLABLE_ID.test(id)) {
      throw new InstallError(`The plugin's id ${JSON.stringify(id)} cannot name a folder: an installed plugin's id may hold only lower-case letters, digits, ".", "_" and "-".`);
    }
    const problem = manifestProblem(manifest);
    if (problem) throw new InstallError(`The plugin cannot be installed: ${problem}.`);
    const existing = this.deps.plugins.get(id);
    if (existing && existing.source === 'built-in') throw new InstallError(`A built-in plugin already has the id "${id}".`);
  }
}

/** `author` of the package's package.json, if it names one. */
function packageAuthor(dir: string): string | undefined {
  try {
    const json = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { author?: unknown };
    if (typeof json.author === 'string') return json.author.slice(0, 200);
    const name = (json.author as { name?: unknown } | undefined)?.name;
    return typeof name === 'string' ? name.slice(0, 200) : undefined;
  } catch {
    return undefined;
  }
}
