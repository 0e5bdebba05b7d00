/**
 * `npm run serve`: the core in plain Node, serving the built UI on loopback with a
 * per-run secret token. Prints the URL to open; Ctrl+C stops it cleanly.
 */
import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_UPLOAD_BYTES } from '../conversations/messageService.js';
import { createCore } from '../createCore.js';
import { distLayout, hostCoreOptions, profileLayout } from '../hostStartup.js';
import { FILE_SECRET_STORE_WARNING, FileSecretStore } from '../secrets/fileSecretStore.js';
import { checkProfileDatabase, describeHealth, ProfileDatabaseError } from '../profile/profileDatabase.js';
import { explainStartupFailure } from '../profile/startupFailure.js';
import { defaultProfileDir, exposureWarning, parseServeArgs } from './serveArgs.js';
import { startHeadlessServer } from './headlessServer.js';
import { StagedUploads } from './stagedUploads.js';

async function main(): Promise<void> {
  let args;
  try {
    args = parseServeArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  if (args.checkDatabase) {
    const { file, health } = checkProfileDatabase(args.profileDir);
    console.log(describeHealth(file, health));
    process.exit(health.state === 'healthy' ? 0 : 1);
  }
  // This file is built to dist/core/serve.js; the renderer and plugins sit beside it.
  const dist = join(dirname(fileURLToPath(import.meta.url)), '..');
  const { secretsFile, stagedUploadsDir } = profileLayout(args.profileDir);
  await rm(stagedUploadsDir, { recursive: true, force: true }); // what an earlier run left
  const uploads = new StagedUploads(stagedUploadsDir, { maxBytes: MAX_UPLOAD_BYTES, maxActive: 4, keepMs: 10 * 60_000 });
  const core = await createCore(hostCoreOptions({
    distDir: dist,
    profileDir: args.profileDir,
    secretStore: new FileSecretStore(secretsFile),
    log: (line) => console.error(line),
    extraPluginDirs: args.pluginDirs,
    stagedFiles: uploads,
    ...(args.databaseRepair ? { databaseRepair: args.databaseRepair } : {}),
  }));
  console.error(`${FILE_SECRET_STORE_WARNING}${secretsFile}`);
  const warning = exposureWarning(args.host, args.tls !== undefined);
  if (warning !== undefined) console.error(warning);
  const tls = args.tls ? { cert: await readFile(args.tls.certFile), key: await readFile(args.tls.keyFile) } : undefined;
  const server = await startHeadlessServer({
    bridge: core.bridge, rendererDir: distLayout(dist).rendererDir, host: args.host, port: args.port,
    publicNames: args.publicNames, uploads, ...(tls ? { tls } : {}),
  });
  console.log(`Switchboard is running at ${server.url}`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void Promise.all([server.close().then(() => uploads.close()), core.close()]).finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** The profile folder named on the command line, for the failure message. */
function profileDirOf(argv: readonly string[]): string {
  const at = argv.indexOf('--profile');
  return (at >= 0 ? argv[at + 1] : undefined) ?? defaultProfileDir();
}

// A net, not the fix: a write that fails must be handled where it is made (storageHealth.ts),
// but a promise left rejected somewhere must not take the user's session down with it.
process.on('unhandledRejection', (reason) => {
  console.error(`Unhandled rejection (kept running): ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
});

main().catch((error: unknown) => {
  console.error(`Switchboard could not start: ${explainStartupFailure(error, profileDirOf(process.argv.slice(2)))}`);
  if (error instanceof ProfileDatabaseError) {
    console.error(`Start again with one of: ${error.choices.map((choice) => `--database-repair ${choice}`).join(', ')}.`);
  }
  process.exit(1);
});
