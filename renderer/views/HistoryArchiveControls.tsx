/**
 * "Export history…" and "Import history…": the two controls and their dialogs (scope,
 * format, days; source and path; progress, Cancel, and what was done, in words). The work
 * is the core's (history.export, history.import); the state is the historyArchive store.
 */
import { useEffect, useState, type SyntheticEvent } from 'react';
import type { ExportChoice } from '../state/historyArchiveActions.js';
import type { RunStatus } from '../state/historyArchive.js';
import { AccountSelect } from './AccountSelect.js';
import { useActions, useAppStore } from './AppContext.js';
import { Dialog } from './Dialog.js';
import { useT } from '../i18n/index.js';

type ScopeKind = ExportChoice['scope']['kind'];
type Format = ExportChoice['format'];
type Source = 'pidgin' | 'weechat' | 'irssi' | 'jsonl';

const FORMATS: readonly Format[] = ['txt', 'jsonl', 'html'];
const SOURCES: readonly Source[] = ['pidgin', 'weechat', 'irssi', 'jsonl'];

function Progress({ label, status, value, max, text }: {
  readonly label: string; readonly status: RunStatus; readonly value: number; readonly max: number; readonly text: string;
}) {
  if (status !== 'running') return null;
  return (
    <div className="field">
      <progress aria-label={label} value={max > 0 ? value : undefined} max={max > 0 ? max : undefined} />
      <span aria-live="polite">{text}</span>
    </div>
  );
}

function Outcome({ status, message }: { readonly status: RunStatus; readonly message: string | undefined }) {
  if (message === undefined || status === 'running' || status === 'idle') return null;
  return status === 'done' ? <p role="status">{message}</p> : <p role="alert" className="form-error">{message}</p>;
}

export function ExportHistoryDialog({ onClose }: { readonly onClose: () => void }) {
  const actions = useActions();
  const t = useT();
  const run = useAppStore('historyArchive', (state) => state.exportRun);
  const accounts = useAppStore('accounts', (state) => state.list);
  const activeId = useAppStore('conversations', (state) => state.activeId);
  const activeTitle = useAppStore('conversations', (state) => (state.activeId === null ? undefined : state.byId.get(state.activeId)?.title));
  const [scope, setScope] = useState<ScopeKind>('all');
  const [accountId, setAccountId] = useState(accounts[0]?.id ?? '');
  const [format, setFormat] = useState<Format>('jsonl');
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const running = run.status === 'running';
  useEffect(() => { actions.resetHistoryRuns(); }, [actions]);

  const onSubmit = (event: SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const chosen: ExportChoice['scope'] = scope === 'account' ? { kind: 'account', accountId }
      : scope === 'conversation' && activeId !== null ? { kind: 'conversation', conversationId: activeId } : { kind: 'all' };
    void actions.exportHistory({ format, scope: chosen, since, until });
  };
  const cancel = (): void => {
    if (running) void actions.cancelExport();
    else onClose();
  };

  return (
    <Dialog title={t('archive.exportTitle')} onClose={cancel}>
      <form className="dialog-form" noValidate onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor="export-scope">{t('archive.what')}</label>
          <select id="export-scope" value={scope} disabled={running} onChange={(event) => setScope(event.target.value as ScopeKind)}>
            <option value="all">{t('archive.everything')}</option>
            <option value="account" disabled={accounts.length === 0}>{t('archive.oneAccount')}</option>
            <option value="conversation" disabled={activeId === null}>{activeTitle !== undefined ? t('archive.thisConversationNamed', { name: activeTitle }) : t('archive.thisConversation')}</option>
          </select>
        </div>
        {scope === 'account' ? <AccountSelect id="export-account" accounts={accounts} value={accountId} onChange={setAccountId} /> : null}
        <div className="field">
          <label htmlFor="export-format">{t('archive.format')}</label>
          <select id="export-format" value={format} disabled={running} onChange={(event) => setFormat(event.target.value as Format)}>
            {FORMATS.map((value) => <option key={value} value={value}>{t(`archive.formats.${value}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="export-since">{t('archive.since')}</label>
          <input id="export-since" type="date" value={since} disabled={running} onChange={(event) => setSince(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="export-until">{t('archive.until')}</label>
          <input id="export-until" type="date" value={until} disabled={running} onChange={(event) => setUntil(event.target.value)} />
        </div>
        <Progress label={t('archive.exportProgress')} status={run.status} value={run.done} max={run.total}
          text={t('archive.exportCount', { done: run.done, count: run.total })} />
        <Outcome status={run.status} message={run.message} />
        <div className="dialog-actions">
          <button type="button" onClick={cancel}>{running ? t('common.cancel') : t('common.close')}</button>
          <button type="submit" className="primary" disabled={running}>{t('archive.export')}</button>
        </div>
      </form>
    </Dialog>
  );
}

export function ImportHistoryDialog({ onClose }: { readonly onClose: () => void }) {
  const actions = useActions();
  const t = useT();
  const run = useAppStore('historyArchive', (state) => state.importRun);
  const [source, setSource] = useState<Source>('pidgin');
  const [path, setPath] = useState('');
  const running = run.status === 'running';
  useEffect(() => { actions.resetHistoryRuns(); }, [actions]);

  const onSubmit = (event: SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    void actions.importHistory(source, path);
  };
  const cancel = (): void => {
    if (running) void actions.cancelImport();
    else onClose();
  };

  return (
    <Dialog title={t('archive.importTitle')} onClose={cancel}>
      <form className="dialog-form" noValidate onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor="import-source">{t('archive.from')}</label>
          <select id="import-source" value={source} disabled={running} onChange={(event) => setSource(event.target.value as Source)}>
            {SOURCES.map((value) => <option key={value} value={value}>{t(`archive.sources.${value}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="import-path">{t('archive.path')}</label>
          <input id="import-path" type="text" value={path} disabled={running} spellCheck={false} autoCapitalize="off"
            onChange={(event) => setPath(event.target.value)} />
        </div>
        <Progress label={t('archive.importProgress')} status={run.status} value={run.filesDone} max={run.files}
          text={t('archive.importCount', { done: run.filesDone, count: run.files, messages: t('archive.messages', { count: run.messages }) })} />
        <Outcome status={run.status} message={run.message} />
        <div className="dialog-actions">
          <button type="button" onClick={cancel}>{running ? t('common.cancel') : t('common.close')}</button>
          <button type="submit" className="primary" disabled={running}>{t('archive.import')}</button>
        </div>
      </form>
    </Dialog>
  );
}

/** The entry points, for a menu, Settings or the search panel. */
export function HistoryArchiveControls() {
  const t = useT();
  const [open, setOpen] = useState<'export' | 'import' | null>(null);
  const close = (): void => { setOpen(null); };
  return (
    <div className="history-archive-controls">
      <button type="button" onClick={() => setOpen('export')}>{t('archive.exportButton')}</button>
      <button type="button" onClick={() => setOpen('import')}>{t('archive.importButton')}</button>
      {open === 'export' ? <ExportHistoryDialog onClose={close} /> : null}
      {open === 'import' ? <ImportHistoryDialog onClose={close} /> : null}
    </div>
  );
}
