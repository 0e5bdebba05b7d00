/** The Plugins dialog's requests: overview, install (two steps), remove, enable, restart. */
import type { RequestHandlers } from '../../bridge/contract.js';
import type { PluginInstallSource } from '../../bridge/pluginSchemas.js';
import type { StagedFiles } from '../files/stagedFiles.js';
import { readFileSync, rmSync } from 'node:fs';
import type { PluginInstaller } from '../plugins/install/pluginInstaller.js';
import type { PluginPackageSource } from '../plugins/install/packageSources.js';
import type { PluginControls } from '../plugins/pluginControls.js';
import { fileSource } from './requestHandlers.js';

export type PluginRequests = 'plugins.overview' | 'plugins.inspectInstall' | 'plugins.confirmInstall' | 'plugins.cancelInstall'
  | 'plugins.remove' | 'plugins.setEnabled' | 'plugins.restart';

export function createPluginRequestHandlers(installer: PluginInstaller, controls: PluginControls, stagedFiles?: StagedFiles): Pick<RequestHandlers, PluginRequests> {
  return {
    'plugins.overview': () => Promise.resolve(controls.overview()),
    'plugins.inspectInstall': ({ source }) => installer.inspect(packageSource(source, stagedFiles)),
    'plugins.confirmInstall': async ({ token }) => ({ pluginId: await installer.confirm(token) }),
    'plugins.cancelInstall': ({ token }) => {
      installer.cancel(token);
      return Promise.resolve(null);
    },
    'plugins.remove': async ({ pluginId }) => {
      await installer.remove(pluginId);
      return null;
    },
    'plugins.setEnabled': async ({ pluginId, enabled }) => {
      await controls.setEnabled(pluginId, enabled);
      return null;
    },
    'plugins.restart': async ({ pluginId }) => {
      await controls.restart(pluginId);
      return null;
    },
  };
}

function packageSource(source: PluginInstallSource, stagedFiles: StagedFiles | undefined): PluginPackageSource {
  if (source.kind !== 'tarball') return source;
  const file = fileSource(stagedFiles, source.dataBase64, source.uploadId);
  if ('bytes' in file) return { kind: 'tarball', name: source.name, bytes: file.bytes };
  const bytes = readFileSync(file.staged.path);
  rmSync(file.staged.path, { force: true });
  return { kind: 'tarball', name: source.name, bytes };
}
