/** The Plugins dialog's actions: the overview, installing (look, then confirm), removing, enabling, restarting. */
import type { PluginInstallPreview, PluginOverview } from '../../electron/bridge/pluginSchemas.js';
import type { ActionContext } from './actionContext.js';

/** What the user picked to install. */
export type PluginToInstall =
  | { readonly kind: 'file'; readonly file: Blob; readonly name: string }
  | { readonly kind: 'npm'; readonly name: string }
  | { readonly kind: 'folder'; readonly path: string };

export interface PluginManagerActions {
  pluginOverview(): Promise<PluginOverview[]>;
  /** Brings the plugin in and reads its manifest; nothing is installed until {@link confirmPluginInstall}. */
  inspectPluginInstall(source: PluginToInstall): Promise<PluginInstallPreview>;
  confirmPluginInstall(token: string): Promise<void>;
  cancelPluginInstall(token: string): Promise<void>;
  removePlugin(pluginId: string): Promise<void>;
  setPluginEnabled(pluginId: string, enabled: boolean): Promise<void>;
  restartPlugin(pluginId: string): Promise<void>;
}

export function createPluginManagerActions({ client, stores, platform }: ActionContext): PluginManagerActions {
  // A new or removed plugin changes what "Add account" offers.
  const refreshPlugins = async (): Promise<void> => {
    stores.plugins.setState({ list: await client().request('plugins.list', {}) });
  };
  return {
    pluginOverview: () => client().request('plugins.overview', {}),
    inspectPluginInstall: async (source) => {
      if (source.kind !== 'file') return client().request('plugins.inspectInstall', { source });
      const upload = platform.uploadFile;
      const tarball = upload
        ? { kind: 'tarball' as const, name: source.name, uploadId: await upload(source.file) }
        : { kind: 'tarball' as const, name: source.name, dataBase64: await platform.readAsBase64(source.file) };
      return client().request('plugins.inspectInstall', { source: tarball });
    },
    confirmPluginInstall: async (token) => {
      await client().request('plugins.confirmInstall', { token });
      await refreshPlugins();
    },
    cancelPluginInstall: async (token) => { await client().request('plugins.cancelInstall', { token }); },
    removePlugin: async (pluginId) => {
      await client().request('plugins.remove', { pluginId });
      await refreshPlugins();
    },
    setPluginEnabled: async (pluginId, enabled) => { await client().request('plugins.setEnabled', { pluginId, enabled }); },
    restartPlugin: async (pluginId) => { await client().request('plugins.restart', { pluginId }); },
  };
}
