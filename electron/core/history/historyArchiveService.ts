/**
 * History export, import and retention for the bridge: one export and one import at a time,
 * each cancellable, their progress as events; exports land in the downloads folder under a
 * name of their own. Imported accounts are made known to the account manager (disabled).
 */
import type { Database } from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BridgeEvent, RequestParams, RequestResult } from '../../bridge/contract.js';
import { invalidRequest } from '../bridge/bridgeFault.js';
import { ExportCancelled, exportHistory } from './historyExport.js';
import { describeImport, importHistory } from './historyImport.js';
import { ImportFileError } from './importSources.js';
import { HistoryRetention } from './retention.js';

/** Errors a user can meet, in words, as the request's answer (others stay internal and logged). */
function inWords(error: unknown): unknown {
  return error instanceof ExportCancelled || error instanceof ImportFileError ? invalidRequest(error.message) : error;
}

export interface HistoryArchiveDeps {
  readonly db: Database;
  readonly downloadsDir: string;
  readonly emit: (event: BridgeEvent) => void;
  /** An account the import created (disabled): the account manager learns of it. */
  readonly accountCreated: (accountId: string) => void;
}

/** `switchboard-history-2026-12-07.jsonl`, or `… (2).jsonl` when taken. */
function freeName(dir: string, stem: string, extension: string): string {
  for (let n = 1; ; n++) {
    const path = join(dir, `${stem}${n === 1 ? '' : ` (${n})`}${extension}`);
    if (!existsSync(path)) return path;
  }
}

export class HistoryArchiveService {
  readonly retention: HistoryRetention;
  private exporting: AbortController | undefined;
  private importing: AbortController | undefined;

  constructor(private readonly deps: HistoryArchiveDeps) {
    this.retention = new HistoryRetention(deps.db);
  }

  async export(params: RequestParams<'history.export'>): Promise<RequestResult<'history.export'>> {
    if (this.exporting) throw invalidRequest('An export is already running: wait for it or cancel it.');
    const controller = new AbortController();
    this.exporting = controller;
    try {
      await mkdir(this.deps.downloadsDir, { recursive: true, mode: 0o700 });
      const out = freeName(this.deps.downloadsDir, `switchboard-history-${new Date().toISOString().slice(0, 10)}`, params.format === 'html' ? '' : `.${params.format}`);
      const { format, accountId, conversationId, personId, since, until } = params;
      const scope = {
        ...(accountId !== undefined ? { accountId } : {}), ...(conversationId !== undefined ? { conversationId } : {}),
        ...(personId !== undefined ? { personId } : {}), ...(since !== undefined ? { since } : {}), ...(until !== undefined ? { until } : {}),
      };
      const result = await exportHistory(this.deps.db, {
        format, scope, out, signal: controller.signal,
        onProgress: (progress) => { this.deps.emit({ type: 'history.exportProgress', payload: progress }); },
      });
      return { path: result.out, messages: result.messages, conversations: result.conversations };
    } catch (error) {
      throw inWords(error);
    } finally {
      this.exporting = undefined;
    }
  }

  cancelExport(): void {
    this.exporting?.abort();
  }

  async import(params: RequestParams<'history.import'>): Promise<RequestResult<'history.import'>> {
    if (this.importing) throw invalidRequest('An import is already running: wait for it or cancel it.');
    const controller = new AbortController();
    this.importing = controller;
    try {
      const summary = await importHistory(this.deps.db, {
        from: params.from, path: params.path, signal: controller.signal,
        onProgress: (progress) => { this.deps.emit({ type: 'history.importProgress', payload: progress }); },
      });
      for (const id of summary.createdAccountIds) this.deps.accountCreated(id);
      return {
        messages: summary.messages, conversations: summary.conversations, duplicates: summary.duplicates, accountsCreated: summary.accountsCreated,
        skipped: summary.skipped.map((s) => ({ path: s.path, reason: s.reason })), cancelled: summary.cancelled, summary: describeImport(summary),
      };
    } catch (error) {
      throw inWords(error);
    } finally {
      this.importing = undefined;
    }
  }

  cancelImport(): void {
    this.importing?.abort();
  }
}
