/**
 * Imports logs: lists the files of a source under the path given, then stores each file in
 * one transaction (all of it or none of it), reporting progress between files and noticing
 * a cancel there. Ends with a summary in words: what was added, and each file skipped with
 * its reason.
 */
import type { Database } from 'better-sqlite3';
import { ImportFileError, type ImportedMessage, type ImportSource } from './importSources.js';
import { ImportWriter } from './importWriter.js';
import { isIrssiLog, readIrssiLog } from './irssiLogs.js';
import { isJsonlFile, readJsonl } from './jsonlLogs.js';
import { checkSize, listLogFiles, MiB, type LogFile, type SkippedFile } from './logFiles.js';
import { isPidginLog, readPidginLog } from './pidginLogs.js';
import { isWeechatLog, readWeechatLog } from './weechatLogs.js';

export interface ImportProgress {
  readonly filesDone: number;
  readonly files: number;
  readonly messages: number;
}

export interface ImportSummary {
  readonly messages: number;
  readonly duplicates: number;
  readonly conversations: number;
  readonly files: number;
  readonly accountsCreated: number;
  readonly createdAccountIds: readonly string[];
  readonly skipped: readonly SkippedFile[];
  readonly cancelled: boolean;
}

export interface ImportOptions {
  readonly from: ImportSource;
  readonly path: string;
  /** Largest file read (default: 100 MiB for other programs' logs, 4 GiB for Switchboard's own JSON Lines, read as a stream). */
  readonly maxFileBytes?: number;
  readonly onProgress?: (progress: ImportProgress) => void;
  readonly signal?: AbortSignal;
  /** Rows one file adds before the table's order indexes are built at its end instead (default 50,000; bulkIndexes.ts). */
  readonly bulkRows?: number;
}

interface Reader {
  readonly wanted: (relativePath: string) => boolean;
  readonly read: (file: LogFile) => Iterable<ImportedMessage>;
  readonly maxBytes: number;
}

const READERS: Readonly<Record<ImportSource, Reader>> = {
  pidgin: { wanted: isPidginLog, read: readPidginLog, maxBytes: 100 * MiB },
  weechat: { wanted: isWeechatLog, read: readWeechatLog, maxBytes: 100 * MiB },
  irssi: { wanted: isIrssiLog, read: readIrssiLog, maxBytes: 100 * MiB },
  jsonl: { wanted: isJsonlFile, read: readJsonl, maxBytes: 4096 * MiB },
};

/** The page cache while importing, in KiB (SQLite's negative cache_size), released at the end. */
const IMPORT_CACHE_KIB = -128 * 1024;

const nextTurn = (): Promise<void> => new Promise((resolve) => { setImmediate(resolve); });

export async function importHistory(db: Database, options: ImportOptions): Promise<ImportSummary> {
  const reader = READERS[options.from];
  const { files, skipped: listed } = listLogFiles(options.path, reader.wanted);
  const skipped: SkippedFile[] = [...listed];
  const writer = new ImportWriter(db, options.bulkRows);
  let messages = 0;
  let duplicates = 0;
  let filesDone = 0;
  let imported = 0;
  let cancelled = false;
  options.onProgress?.({ filesDone, files: files.length, messages });
  // A big page cache while importing: every row also goes into four indexes and the FTS
  // index, spread over hundreds of conversations, and with SQLite's default 2 MiB the
  // pages of a million-message import were read back from the WAL again and again.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
  try {
    for (const file of files) {
      if (options.signal?.aborted) {
        cancelled = true;
        break;
      }
      const created = new Set(writer.createdAccounts);
      const touched = new Set(writer.touchedConversations);
      try {
        checkSize(file, options.maxFileBytes ?? reader.maxBytes);
        const counts = db.transaction(() => {
          writer.beginFile();
          let added = 0;
          let seen = 0;
          for (const message of reader.read(file)) {
            seen++;
            if (writer.add(message)) added++;
          }
          writer.endFile();
          return { added, seen };
        })();
        messages += counts.added;
        duplicates += counts.seen - counts.added;
        imported++;
      } catch (error) {
        writer.forget(new Set([...writer.createdAccounts].filter((id) => !created.has(id))), touched);
        if (!(error instanceof ImportFileError)) throw error;
        skipped.push({ path: file.relativePath, reason: error.message });
      }
      filesDone++;
      options.onProgress?.({ filesDone, files: files.length, messages });
      await nextTurn();
    }
  } finally {
    // Also after a cancel or a failed file: what was committed is placed by time.
    writer.orderByTime();
    db.pragma(`cache_size = ${cacheSize}`);
  }
  return {
    messages, duplicates, conversations: writer.touchedConversations.size, files: imported,
    accountsCreated: writer.createdAccounts.size, createdAccountIds: [...writer.createdAccounts], skipped, cancelled,
  };
}

/** "1 message", "12,345 messages". */
export const count = (n: number, one: string, many: string): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** "12,345 messages in 210 conversations; 3 files skipped: a.txt (why); …" */
export function describeImport(summary: ImportSummary): string {
  const parts = [`${count(summary.messages, 'message', 'messages')} in ${count(summary.conversations, 'conversation', 'conversations')}`];
  if (summary.duplicates > 0) parts.push(`${count(summary.duplicates, 'message was', 'messages were')} already there`);
  if (summary.accountsCreated > 0) parts.push(`${count(summary.accountsCreated, 'disabled account', 'disabled accounts')} created for them`);
  if (summary.skipped.length > 0) {
    parts.push(`${count(summary.skipped.length, 'file', 'files')} skipped: ${summary.skipped.map((s) => `${s.path} (${s.reason})`).join('; ')}`);
  }
  if (summary.cancelled) parts.push('cancelled before the end (the files not reached were not imported)');
  return `${parts.join('; ')}.`;
}
