/**
 * The Plugins dialog: every plugin with its version, API range, source, state (with the
 * last error), accounts and resource use over the last minute; Enable / Disable, Restart,
 * Remove; and "Install plugin…". The overview is asked for every two seconds while the
 * dialog is open (each running plugin adds a sample per heartbeat), and never otherwise.
 */
import { useCallback, useEffect, useState } from 'react';
import type { PluginOverview } from '../../electron/bridge/pluginSchemas.js';
import { errorMessage } from '../state/actions.js';
import { useActions } from './AppContext.js';
import { Dialog } from './Dialog.js';
import { PluginInstallForm } from './PluginInstallForm.js';
import { PluginRow } from './PluginRow.js';
import { useT } from '../i18n/index.js';

const REFRESH_MS = 2000;

export function PluginsDialog({ onClose }: { readonly onClose: () => void }) {
  const actions = useActions();
  const t = useT();
  const [plugins, setPlugins] = useState<readonly PluginOverview[] | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [installing, setInstalling] = useState(false);

  const refresh = useCallback(() => {
    actions.pluginOverview().then((list) => {
      setPlugins(list);
      setProblem(undefined);
    }, (error: unknown) => setProblem(errorMessage(error)));
  }, [actions]);

  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  /** Runs a row's action, then shows the plugins as they are now; a refusal is shown in words. */
  const act = (work: Promise<void>): void => {
    work.then(refresh, (error: unknown) => setProblem(errorMessage(error)));
  };

  return (
    <Dialog title={t('plugins.title')} onClose={onClose}>
      <div className="plugins-dialog">
        {problem !== undefined ? <p role="alert" className="error">{problem}</p> : null}
        {plugins === undefined ? <p>{t('plugins.loading')}</p> : (
          <ul aria-label={t('plugins.list')} className="plugins-table">
            {plugins.map((plugin) => <PluginRow key={plugin.id} plugin={plugin} act={act} />)}
          </ul>
        )}
        {installing ? <PluginInstallForm onDone={() => { setInstalling(false); refresh(); }} /> : null}
        <div className="dialog-actions">
          {installing ? null : <button type="button" onClick={() => setInstalling(true)}>{t('plugins.install')}</button>}
          <button type="button" className="primary" onClick={onClose}>{t('common.close')}</button>
        </div>
      </div>
    </Dialog>
  );
}
