/**
 * What the user decided about each installed plugin, kept next to the plugins in the
 * profile (`plugin-installs.json`): where it came from, whether they confirmed the native
 * addons its manifest declares, and whether they disabled it. Outside the plugins' folders,
 * so no plugin can change its own record.
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
  disabled: z.boolean(),
});
const recordsSchema = z.record(z.string(), recordSchema);

export type InstallRecord = z.infer<typeof recordSchema>;

export function installRecordsFile(profileDir: string): string {
  return join(profileDir, 'plugin-installs.json');
}

/** The records; an unreadable file counts as none (the plugins then load without addons, enabled). */
export function readInstallRecords(profileDir: string): Record<string, InstallRecord> {
  const file = installRecordsFile(profileDir);
  if (!existsSync(file)) return {};
  try {
    const parsed = recordsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export function updateInstallRecords(profileDir: string, change: (records: Record<string, InstallRecord>) => void): void {
  const records = readInstallRecords(profileDir);
  change(records);
  const file = installRecordsFile(profileDir);
  writeFileSync(`${file}.tmp`, JSON.stringify(records, null, 2), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}
