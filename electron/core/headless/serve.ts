/**
 * `npm run serve`: the core in plain Node, serving the built UI on loopback with a
 * per-run secret token. Prints the URL to open; Ctrl+C stops it cleanly.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../createCore.js';
import { pluginFoldersIn } from '../plugins/pluginRegistry.js';
import { FILE_SECRET_STORE_WARNING, FileSecretStore } from '../secrets/fileSecretStore.js';
import { ProfileDatabaseError } from '../profile/profileDatabase.js';
import { explainStartupFailure } from '../profile/startupFailure.js';
import { defaultProfileDir, parseServeArgs } from './serveArgs.js';
import { startHeadlessServer } from './headlessServer.js';

async function main(): Promise<void> {
  let args;
  try {
    args = parseServeArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  // This file is built to dist/core/serve.js; the renderer and plugins sit beside it.
  const dist = join(dirname(fileURLToPath(import.meta.url)), '..');
  const secretsFile = join(args.profileDir, 'secrets.json');
  const core = await createCore({
    profileDir: args.profileDir,
    secretStore: new FileSecretStore(secretsFile),
    pluginDirs: [...pluginFoldersIn(join(dist, 'plugins')), ...pluginFoldersIn(join(args.profileDir, 'plugins')), ...args.pluginDirs],
    workerEntry: join(dist, 'core', 'pluginWorker.js'),
    log: (line) => console.error(line),
    ...(args.databaseRepair ? { databaseRepair: args.databaseRepair } : {}),
  });
  console.error(`${FILE_SECRET_STORE_WARNING}${secretsFile}`);
  if (args.host !== '127.0.0.1' && args.host !== '::1' && args.host !== 'localhost') {
    console.error(`Warning: listening on ${args.host}: anyone who can reach it and learns the URL can read your messages.`);
  }
  const server = await startHeadlessServer({ bridge: core.bridge, rendererDir: join(dist, 'renderer'), host: args.host, port: args.port });
  console.log(`Switchboard is running at ${server.url}`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void Promise.all([server.close(), core.close()]).finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** The profile folder named on the command line, for the failure message. */
function profileDirOf(argv: readonly string[]): string {
  const at = argv.indexOf('--profile');
  return (at >= 0 ? argv[at + 1] : undefined) ?? defaultProfileDir();
}

main().catch((error: unknown) => {
  console.error(`Switchboard could not start: ${explainStartupFailure(error, profileDirOf(process.argv.slice(2)))}`);
  if (error instanceof ProfileDatabaseError) {
    console.error(`Start again with one of: ${error.choices.map((choice) => `--database-repair ${choice}`).join(', ')}.`);
  }
  process.exit(1);
});
