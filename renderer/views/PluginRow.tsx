/** One plugin in the Plugins dialog: what it is, how it is, what it costs, and its buttons. */
import type { PluginOverview } from '../../electron/bridge/pluginSchemas.js';
import { pluginFigures, pluginSourceText, pluginStateText } from '../state/pluginFigures.js';
import { useActions } from './AppContext.js';

export interface PluginRowProps {
  readonly plugin: PluginOverview;
  readonly act: (work: Promise<void>) => void;
}

export function PluginRow({ plugin, act }: PluginRowProps) {
  const actions = useActions();
  const figures = pluginFigures(plugin.resources);
  const disabled = plugin.state === 'disabled';
  return (
    <li className="plugin-row" aria-label={plugin.name}>
      <div className="plugin-head">
        <strong>{plugin.name}</strong> <span>{plugin.version}</span>
        <span className="plugin-meta"> · API {plugin.apiVersion} · {pluginSourceText(plugin)}</span>
      </div>
      <p className="plugin-state">State: {pluginStateText(plugin)}</p>
      {plugin.error !== undefined && !plugin.disabledByUser ? <p className="plugin-error">Last error: {plugin.error}</p> : null}
      <p className="plugin-accounts">Accounts: {plugin.accounts.length === 0 ? 'none' : plugin.accounts.map((account) => account.label).join(', ')}</p>
      {plugin.installedFrom !== undefined ? <p className="plugin-source">Installed from {plugin.installedFrom}</p> : null}
      {figures ? (
        <div className="plugin-figures" role="group" aria-label={`Resource use of ${plugin.name}`}>
          <span>Memory: {figures.memory}</span>
          <span>CPU (last minute): {figures.cpu}</span>
          {figures.sparkline ? (
            <svg className="sparkline" viewBox="0 0 100 24" width="100" height="24" role="img" aria-label={`CPU over the last minute of ${plugin.name}`}>
              <polyline points={figures.sparkline} fill="none" stroke="currentColor" strokeWidth="1.5" />
            </svg>
          ) : null}
        </div>
      ) : <p className="plugin-figures">Resource use: not running</p>}
      <div className="plugin-actions">
        <button type="button" onClick={() => act(actions.setPluginEnabled(plugin.id, disabled && plugin.disabledByUser))}>
          {disabled && plugin.disabledByUser ? 'Enable' : 'Disable'}
        </button>
        <button type="button" disabled={plugin.disabledByUser} onClick={() => act(actions.restartPlugin(plugin.id))}>Restart</button>
        {plugin.source === 'installed' ? <button type="button" onClick={() => act(actions.removePlugin(plugin.id))}>Remove</button> : null}
      </div>
    </li>
  );
}
