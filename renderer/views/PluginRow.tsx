/** One plugin in the Plugins dialog: what it is, how it is, what it costs, and its buttons. */
import type { PluginOverview } from '../../electron/bridge/pluginSchemas.js';
import { pluginFigures, pluginSourceText, pluginStateText } from '../state/pluginFigures.js';
import { useActions } from './AppContext.js';
import { useT } from '../i18n/index.js';

export interface PluginRowProps {
  readonly plugin: PluginOverview;
  readonly act: (work: Promise<void>) => void;
}

export function PluginRow({ plugin, act }: PluginRowProps) {
  const actions = useActions();
  const t = useT();
  const figures = pluginFigures(plugin.resources);
  const disabled = plugin.state === 'disabled';
  return (
    <li className="plugin-row" aria-label={plugin.name}>
      <div className="plugin-head">
        <strong>{plugin.name}</strong> <span>{plugin.version}</span>
        <span className="plugin-meta"> · {t('pluginRow.api', { version: plugin.apiVersion })} · {pluginSourceText(plugin)}</span>
      </div>
      <p className="plugin-state">{t('pluginRow.state', { state: pluginStateText(plugin) })}</p>
      {plugin.error !== undefined && !plugin.disabledByUser ? <p className="plugin-error">{t('pluginRow.lastError', { error: plugin.error })}</p> : null}
      <p className="plugin-accounts">{t('pluginRow.accounts', { accounts: plugin.accounts.length === 0 ? t('pluginRow.none') : plugin.accounts.map((account) => account.label).join(', ') })}</p>
      {plugin.installedFrom !== undefined ? <p className="plugin-source">{t('pluginRow.installedFrom', { from: plugin.installedFrom })}</p> : null}
      {figures ? (
        <div className="plugin-figures" role="group" aria-label={t('pluginRow.resourcesOf', { name: plugin.name })}>
          <span>{t('pluginRow.memory', { memory: figures.memory })}</span>
          <span>{t('pluginRow.cpu', { cpu: figures.cpu })}</span>
          {figures.sparkline ? (
            <svg className="sparkline" viewBox="0 0 100 24" width="100" height="24" role="img" aria-label={t('pluginRow.cpuOf', { name: plugin.name })}>
              <polyline points={figures.sparkline} fill="none" stroke="currentColor" strokeWidth="1.5" />
            </svg>
          ) : null}
        </div>
      ) : <p className="plugin-figures">{t('pluginRow.notRunning')}</p>}
      <div className="plugin-actions">
        <button type="button" onClick={() => act(actions.setPluginEnabled(plugin.id, disabled && plugin.disabledByUser))}>
          {disabled && plugin.disabledByUser ? t('pluginRow.enable') : t('pluginRow.disable')}
        </button>
        <button type="button" disabled={plugin.disabledByUser} onClick={() => act(actions.restartPlugin(plugin.id))}>{t('pluginRow.restart')}</button>
        {plugin.source === 'installed' ? <button type="button" onClick={() => act(actions.removePlugin(plugin.id))}>{t('pluginRow.remove')}</button> : null}
      </div>
    </li>
  );
}
