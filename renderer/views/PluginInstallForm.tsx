/**
 * "Install plugin…": pick a packed plugin (.tgz), an npm package name or a folder; the
 * plugin's manifest and what its sandbox allows are shown, and only "Install" installs it.
 */
import { useState } from 'react';
import type { PluginInstallPreview } from '../../electron/bridge/pluginSchemas.js';
import { errorMessage } from '../state/actions.js';
import type { PluginToInstall } from '../state/pluginManagerActions.js';
import { useActions } from './AppContext.js';
import { useT } from '../i18n/index.js';

export function PluginInstallForm({ onDone }: { readonly onDone: () => void }) {
  const actions = useActions();
  const t = useT();
  const [preview, setPreview] = useState<PluginInstallPreview | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [npmName, setNpmName] = useState('');
  const [folder, setFolder] = useState('');

  const inspect = (source: PluginToInstall): void => {
    setBusy(true);
    setProblem(undefined);
    actions.inspectPluginInstall(source).then(setPreview, (error: unknown) => setProblem(errorMessage(error))).finally(() => setBusy(false));
  };
  const finish = (work: Promise<void>): void => {
    setBusy(true);
    work.then(onDone, (error: unknown) => {
      setProblem(errorMessage(error));
      setBusy(false);
    });
  };

  if (preview) {
    return (
      <section className="plugin-install" aria-label={t('pluginInstall.confirmName')}>
        <h3>{t('pluginInstall.question', { name: preview.name, version: preview.version })}</h3>
        <dl className="plugin-manifest">
          <dt>{t('pluginInstall.author')}</dt><dd>{preview.author ?? t('pluginInstall.notGiven')}</dd>
          <dt>{t('pluginInstall.id')}</dt><dd>{preview.id}</dd>
          {preview.description !== undefined ? <><dt>{t('pluginInstall.description')}</dt><dd>{preview.description}</dd></> : null}
          <dt>{t('pluginInstall.api')}</dt><dd>{preview.apiVersion}</dd>
          <dt>{t('pluginInstall.capabilities')}</dt><dd>{preview.capabilities.join(', ') || t('pluginRow.none')}</dd>
          <dt>{t('pluginInstall.from')}</dt><dd>{preview.source}</dd>
          {preview.replacesVersion !== undefined ? <><dt>{t('pluginInstall.replaces')}</dt><dd>{t('pluginInstall.version', { version: preview.replacesVersion })}</dd></> : null}
        </dl>
        <p>{t('pluginInstall.allowed')}</p>
        <ul aria-label={t('pluginInstall.allowances')}>{preview.allowances.map((line) => <li key={line}>{line}</li>)}</ul>
        {problem !== undefined ? <p role="alert" className="error">{problem}</p> : null}
        <div className="dialog-actions">
          <button type="button" disabled={busy} onClick={() => finish(actions.cancelPluginInstall(preview.token))}>{t('common.cancel')}</button>
          <button type="button" className="primary" disabled={busy} onClick={() => finish(actions.confirmPluginInstall(preview.token))}>{t('pluginInstall.install')}</button>
        </div>
      </section>
    );
  }
  return (
    <section className="plugin-install" aria-label={t('pluginInstall.title')}>
      <h3>{t('pluginInstall.title')}</h3>
      <label>{t('pluginInstall.packed')}{' '}
        <input type="file" accept=".tgz,application/gzip" disabled={busy} onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) inspect({ kind: 'file', file, name: file.name });
        }} />
      </label>
      <form onSubmit={(event) => { event.preventDefault(); if (npmName.trim()) inspect({ kind: 'npm', name: npmName.trim() }); }}>
        <label>{t('pluginInstall.npm')} <input value={npmName} placeholder={t('pluginInstall.npmHint')} onChange={(event) => setNpmName(event.target.value)} /></label>
        <button type="submit" disabled={busy}>{t('pluginInstall.lookUp')}</button>
      </form>
      <form onSubmit={(event) => { event.preventDefault(); if (folder.trim()) inspect({ kind: 'folder', path: folder.trim() }); }}>
        <label>{t('pluginInstall.folder')} <input value={folder} onChange={(event) => setFolder(event.target.value)} /></label>
        <button type="submit" disabled={busy}>{t('pluginInstall.openFolder')}</button>
      </form>
      {busy ? <p role="status">{t('pluginInstall.reading')}</p> : null}
      {problem !== undefined ? <p role="alert" className="error">{problem}</p> : null}
      <div className="dialog-actions"><button type="button" onClick={onDone}>{t('common.cancel')}</button></div>
    </section>
  );
}
