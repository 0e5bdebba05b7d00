/** `npm run import`: other programs' logs (or a Switchboard export) into a profile, with the module the app uses (historyImport.ts). */
import { mkdirSync } from 'node:fs';
import { openProfileDatabase } from '../profile/profileDatabase.js';
import { acquireProfileLock } from '../profile/profileLock.js';
import { parseImportArgs, UsageError } from './historyArgs.js';
import { describeImport, importHistory } from './historyImport.js';
import { ProgressLine } from './progressLine.js';

const progress = new ProgressLine();

async function main(): Promise<void> {
  const args = parseImportArgs(process.argv.slice(2));
  mkdirSync(args.profileDir, { recursive: true, mode: 0o700 }); // importing into a new profile is how a move from Pidgin starts
  // Writing while Switchboard runs on the profile would race its own writes: one core per profile.
  const lock = acquireProfileLock(args.profileDir);
  const opened = await openProfileDatabase(args.profileDir).catch((error: unknown) => {
    lock.release();
    throw error;
  });
  const { db } = opened;
  const controller = new AbortController();
  process.once('SIGINT', () => { controller.abort(); });
  try {
    const summary = await importHistory(db, {
      from: args.from, path: args.path, signal: controller.signal,
      onProgress: (p) => { progress.show(`${p.filesDone} of ${p.files} files, ${p.messages.toLocaleString('en-US')} messages`); },
    });
    progress.clear();
    console.log(`Imported ${describeImport(summary)}`);
  } finally {
    opened.close();
    lock.release();
  }
}

main().catch((error: unknown) => {
  progress.clear();
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(error instanceof UsageError ? 2 : 1);
});
