/** `npm run export`: history out of a profile, with the same module the app uses (historyExport.ts). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE } from '../profile/profileFolder.js';
import { openProfileDatabase } from '../profile/profileDatabase.js';
import { parseExportArgs, UsageError } from './historyArgs.js';
import { ExportCancelled, exportHistory } from './historyExport.js';
import { count } from './historyImport.js';
import { ProgressLine } from './progressLine.js';

const progress = new ProgressLine();

async function main(): Promise<void> {
  const args = parseExportArgs(process.argv.slice(2));
  if (!existsSync(join(args.profileDir, DATABASE_FILE))) throw new Error(`There is no Switchboard profile in ${args.profileDir} (no ${DATABASE_FILE}): nothing to export.`);
  const opened = await openProfileDatabase(args.profileDir);
  const { db } = opened;
  const controller = new AbortController();
  process.once('SIGINT', () => { controller.abort(); });
  try {
    const result = await exportHistory(db, {
      format: args.format, out: args.out, signal: controller.signal,
      scope: {
        ...(args.accountId !== undefined ? { accountId: args.accountId } : {}),
        ...(args.since !== undefined ? { since: args.since } : {}), ...(args.until !== undefined ? { until: args.until } : {}),
      },
      onProgress: (p) => { progress.show(`${p.done.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')} messages`); },
    });
    progress.clear();
    console.log(`Exported ${count(result.messages, 'message', 'messages')} in ${count(result.conversations, 'conversation', 'conversations')} to ${result.out}.`);
  } finally {
    opened.close();
  }
}

main().catch((error: unknown) => {
  progress.clear();
  console.error(error instanceof UsageError || error instanceof ExportCancelled || error instanceof Error ? error.message : String(error));
  process.exit(error instanceof UsageError ? 2 : 1);
});
