/**
 * "Install plugin…": pick a packed plugin (.tgz), an npm package name or a folder; the
 * plugin's manifest and what its sandbox allows are shown, and only "Install" installs it.
 */
import { useState } from 'react';
import type { PluginInstallPreview } from '../../electron/bridge/pluginSchemas.js';
import { errorMessage } from '../state/actions.js';
import type { PluginToInstall } from '../state/pluginManagerActions.js';
import { useActions } from './AppContext.js';

export function PluginInstallForm({ onDone }: { readonly onDone: () => void }) {
  const actions = useActions();
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
      <section className="plugin-install" aria-label="Install this plugin?">
        <h3>Install {preview.name} {preview.version}?</h3>
        <dl className="plugin-manifest">
          <dt>Author</dt><dd>{preview.author ?? 'not given'}</dd>
          <dt>Id</dt><dd>{preview.id}</dd>
          {preview.description !== undefined ? <><dt>Description</dt><dd>{preview.description}</dd></> : null}
          <dt>Plugin API</dt><dd>{preview.apiVersion}</dd>
          <dt>Capabilities</dt><dd>{preview.capabilities.join(', ') || 'none'}</dd>
          <dt>From</dt><dd>{preview.source}</dd>
          {preview.replacesVersion !== undefined ? <><dt>Replaces</dt><dd>version {preview.replacesVersion}</dd></> : null}
        </dl>
        <p>It will run in its own process and be allowed to:</p>
        <ul aria-label="What it will be allowed to do">{preview.allowances.map((line) => <li key={line}>{line}</li>)}</ul>
        {problem !== undefined ? <p role="alert" className="error">{problem}</p> : null}
        <div className="dialog-actions">
          <button type="button" disabled={busy} onClick={() => finish(actions.cancelPluginInstall(preview.token))}>Cancel</button>
          <button type="button" className="primary" disabled={busy} onClick={() => finish(actions.confirmPluginInstall(preview.token))}>Install</button>
        </div>
      </section>
    );
  }
  return (
    <section className="plugin-install" aria-label="Install plugin">
      <h3>Install plugin</h3>
      <label>Packed plugin (.tgz){' '}
        <input type="file" accept=".tgz,application/gzip" disabled={busy} onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) inspect({ kind: 'file', file, name: file.name });
        }} />
      </label>
      <form onSubmit={(event) => { event.preventDefault(); if (npmName.trim()) inspect({ kind: 'npm', name: npmName.trim() }); }}>
        <label>npm package <input value={npmName} onChange={(event) => setNpmName(event.target.value)} /></label>
        <button type="submit" disabled={busy}>Look up</button>
      </form>
      <form onSubmit={(event) => { event.preventDefault(); if (folder.trim()) inspect({ kind: 'folder', path: folder.trim() }); }}>
        <label>Folder on the computer Switchboard runs on <input value={folder} onChange={(event) => setFolder(event.target.value)} /></label>
        <button type="submit" disabled={busy}>Open folder</button>
      </form>
      {busy ? <p role="status">Reading the plugin…</p> : null}
      {problem !== undefined ? <p role="alert" className="error">{problem}</p> : null}
      <div className="dialog-actions"><button type="button" onClick={onDone}>Cancel</button></div>
    </section>
  );
}
