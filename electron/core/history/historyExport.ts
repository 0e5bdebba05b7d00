/**
 * Exports history: the conversations of a scope, page by page, through one format, into a
 * temporary file (or folder, for one page per conversation) renamed into place at the end.
 * Progress is reported after every page; between pages the event loop runs (the core keeps
 * serving) and a cancel is noticed. A cancelled or failed export leaves nothing behind.
 */
import type { Database } from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { exportFormats, type ExportFormatName } from './exportFormats.js';
import { FileSink } from './fileSink.js';
import { HistorySource, readRow, reusedMessage, type HistoryScope } from './historySource.js';

export interface ExportProgress {
  readonly done: number;
  readonly total: number;
}

export interface ExportOptions {
  readonly format: ExportFormatName;
  readonly scope: HistoryScope;
  /** A file for txt and jsonl; a folder (which must not exist yet) for html. */
  readonly out: string;
  readonly onProgress?: (progress: ExportProgress) => void;
  readonly signal?: AbortSignal;
}

export interface ExportResult {
  readonly messages: number;
  readonly conversations: number;
  readonly out: string;
}

/** The user cancelled; nothing was written. */
export class ExportCancelled extends Error {
  constructor() {
    super('The export was cancelled; nothing was written.');
    this.name = 'ExportCancelled';
  }
}

const nextTurn = (): Promise<void> => new Promise((resolve) => { setImmediate(resolve); });

export async function exportHistory(db: Database, options: ExportOptions): Promise<ExportResult> {
  const format = exportFormats[options.format];
  const source = new HistorySource(db);
  const conversations = source.conversations(options.scope);
  const total = conversations.reduce((sum, c) => sum + source.count(c.id, options.scope), 0);
  const temporary = join(dirname(options.out), `.${basename(options.out)}.partial-${process.pid}-${Date.now()}`);
  if (format.filePerConversation) {
    if (existsSync(options.out)) throw new Error(`${options.out} already exists: choose a new folder for the HTML pages.`);
    mkdirSync(temporary, { mode: 0o700 });
  }
  const single = format.filePerConversation ? undefined : new FileSink(temporary);
  const open: FileSink[] = [];
  let done = 0;
  let written = 0;
  options.onProgress?.({ done, total });
  try {
    if (single && format.inArrivalOrder && options.scope.conversationId === undefined && options.scope.personId === undefined) {
      // Lines that stand alone: the whole table in one pass, in id order (see HistorySource.pageById).
      const byId = new Map(conversations.map((c) => [c.id, c] as const));
      const writers = new Map<number, ReturnType<typeof format.begin>>();
      const message = reusedMessage();
      let afterId = 0;
      for (;;) {
        if (options.signal?.aborted) throw new ExportCancelled();
        const page = source.pageById(options.scope, afterId);
        const last = page.at(-1);
        if (last === undefined) break;
        for (const row of page) {
          const conversation = byId.get(row[1]);
          if (conversation === undefined) continue;
          readRow(row, message);
          let writer = writers.get(conversation.id);
          if (writer === undefined) {
            writer = format.begin(conversation, message, (text) => { single.write(text); });
            writers.set(conversation.id, writer);
          }
          writer.message(message);
        }
        done += page.length;
        [afterId] = last;
        options.onProgress?.({ done, total });
        await nextTurn();
      }
      for (const writer of writers.values()) writer.end();
      single.commit(options.out);
      return { messages: done, conversations: writers.size, out: options.out };
    }
    for (const conversation of conversations) {
      let after: { timestamp: number; id: number } | undefined;
      let writer: ReturnType<typeof format.begin> | undefined;
      let sink = single;
      for (;;) {
        if (options.signal?.aborted) throw new ExportCancelled();
        const page = source.page(conversation.id, options.scope, after);
        const last = page.at(-1);
        if (last === undefined) break;
        for (const message of page) {
          if (writer === undefined) {
            if (sink === undefined) {
              sink = new FileSink(join(temporary, format.fileName(conversation)));
              open.push(sink);
            }
            const to = sink;
            writer = format.begin(conversation, message, (text) => { to.write(text); });
          }
          writer.message(message);
        }
        done += page.length;
        after = { timestamp: last.timestamp, id: last.id };
        options.onProgress?.({ done, total });
        await nextTurn();
      }
      if (writer === undefined) continue;
      writer.end();
      written++;
      if (sink !== single && sink !== undefined) {
        sink.commit(join(temporary, format.fileName(conversation)));
        open.pop();
      }
    }
    if (single) single.commit(options.out);
    else renameSync(temporary, options.out);
    return { messages: done, conversations: written, out: options.out };
  } catch (error) {
    single?.discard();
    for (const sink of open) sink.discard();
    if (format.filePerConversation) rmSync(temporary, { recursive: true, force: true });
    throw error;
  }
}
