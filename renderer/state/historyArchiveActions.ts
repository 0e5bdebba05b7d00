/** Exporting and importing history from the dialogs, through the core (history.export / history.import). */
import { errorMessage, type ActionContext } from './actionContext.js';
import { dayBound, IDLE_EXPORT, IDLE_IMPORT } from './historyArchive.js';
import { i18n } from '../i18n/index.js';

export type ExportScopeChoice = { readonly kind: 'all' } | { readonly kind: 'account'; readonly accountId: string } | { readonly kind: 'conversation'; readonly conversationId: number };

export interface ExportChoice {
  readonly format: 'txt' | 'jsonl' | 'html';
  readonly scope: ExportScopeChoice;
  /** Days as the date inputs give them (YYYY-MM-DD), empty for no bound. */
  readonly since: string;
  readonly until: string;
}

export interface HistoryArchiveActions {
  exportHistory(choice: ExportChoice): Promise<void>;
  cancelExport(): Promise<void>;
  importHistory(from: 'pidgin' | 'weechat' | 'irssi' | 'jsonl', path: string): Promise<void>;
  cancelImport(): Promise<void>;
  /** Forgets a finished run (the dialog opens fresh). */
  resetHistoryRuns(): void;
}

const CANCELLED = /cancelled/i;


export function createHistoryArchiveActions(context: ActionContext): HistoryArchiveActions {
  const { stores, client } = context;
  const store = stores.historyArchive;
  const setExport = (run: Partial<ReturnType<typeof store.getState>['exportRun']>): void => {
    store.setState({ exportRun: { ...store.getState().exportRun, ...run } });
  };
  const setImport = (run: Partial<ReturnType<typeof store.getState>['importRun']>): void => {
    store.setState({ importRun: { ...store.getState().importRun, ...run } });
  };
  return {
    exportHistory: async ({ format, scope, since, until }) => {
      if (store.getState().exportRun.status === 'running') return;
      const from = since === '' ? undefined : dayBound(since, 'start');
      const to = until === '' ? undefined : dayBound(until, 'end');
      if (from !== undefined && to !== undefined && from > to) {
        store.setState({ exportRun: { ...IDLE_EXPORT, status: 'failed', message: i18n.t('archiveRun.daysReversed') } });
        return;
      }
      store.setState({ exportRun: { ...IDLE_EXPORT, status: 'running' } });
      try {
        const result = await client().request('history.export', {
          format,
          ...(scope.kind === 'account' ? { accountId: scope.accountId } : {}),
          ...(scope.kind === 'conversation' ? { conversationId: scope.conversationId } : {}),
          ...(from !== undefined ? { since: from } : {}), ...(to !== undefined ? { until: to } : {}),
        });
        setExport({
          status: 'done', done: result.messages, total: result.messages,
          message: i18n.t('archiveRun.exported', { messages: i18n.t('archive.messages', { count: result.messages }), conversations: i18n.t('archiveRun.conversations', { count: result.conversations }), path: result.path }),
        });
      } catch (error) {
        const message = errorMessage(error);
        setExport({ status: CANCELLED.test(message) ? 'cancelled' : 'failed', message });
      }
    },
    cancelExport: async () => {
      if (store.getState().exportRun.status === 'running') await client().request('history.cancelExport', {});
    },
    importHistory: async (from, path) => {
      if (store.getState().importRun.status === 'running') return;
      if (path.trim() === '') {
        store.setState({ importRun: { ...IDLE_IMPORT, status: 'failed', message: i18n.t('archiveRun.noPath') } });
        return;
      }
      store.setState({ importRun: { ...IDLE_IMPORT, status: 'running' } });
      try {
        const result = await client().request('history.import', { from, path: path.trim() });
        setImport({ status: result.cancelled ? 'cancelled' : 'done', message: result.summary });
      } catch (error) {
        setImport({ status: 'failed', message: errorMessage(error) });
      }
    },
    cancelImport: async () => {
      if (store.getState().importRun.status === 'running') await client().request('history.cancelImport', {});
    },
    resetHistoryRuns: () => {
      const { exportRun, importRun } = store.getState();
      store.setState({
        exportRun: exportRun.status === 'running' ? exportRun : IDLE_EXPORT,
        importRun: importRun.status === 'running' ? importRun : IDLE_IMPORT,
      });
    },
  };
}
