/**
 * What the user decided about plugins, kept in the profile (`plugin-installs.json`): for
 * each installed plugin where it came from and whether they confirmed the native addons its
 * manifest declares; for every plugin, built-in too, whether they disabled it. Outside the
 * plugins' folders, so no plugin can change its own record.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const recordSchema = z.object({
  /** "folder /path", "file name.tgz", "npm name@1.2.3": shown in the Plugins dialog. */
  source: z.string(),
  version: z.string(),
  installedAt: z.number(),
  nativeAddons: z.boolean(),
});
const recordsSchema = z.object({
  installed: z.record(z.string(), recordSchema),
  /** Ids of plugins the user disabled (Plugins dialog): they stay stopped across restarts. */
  disabled: z.array(z.string()),
});

export type InstallRecord = z.infer<typeof recordSchema>;
export type InstallRecords = z.infer<typeof recordsSchema>;

export function installRecordsFile(profileDir: string): string {
  return join(profileDir, 'plugin-installs.json');
}

/** The records; an unreadable file counts as none (the plugins then load without addons, enabled). */
export function readInstallRecords(profileDir: string): InstallRecords {
  const file = installRecordsFile(profileDir);
  const none = { installed: {}, disabled: [] };
  if (!existsSync(file)) return none;
  try {
    const parsed = recordsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : none;
  } catch {
    return none;
  }
}

export function updateInstallRecords(profileDir: string, change: (records: InstallRecords) => void): void {
  const records = readInstallRecords(profileDir);
  change(records);
  const file = installRecordsFile(profileDir);
  writeFileSync(`${file}.tmp`, JSON.stringify(records, null, 2), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}
