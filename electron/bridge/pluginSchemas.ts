/**
 * What the Plugins dialog shows: each plugin's state and resource use, and the manifest of
 * a plugin about to be installed, with what its sandbox will let it reach.
 */
import { z } from 'zod';

/** One heartbeat's measure of a running plugin (the last minute of them are kept). */
export const resourceSampleSchema = z.object({
  at: z.number(),
  /** JavaScript heap in use, in bytes. */
  heapBytes: z.number().nonnegative(),
  /** Resident memory of a sandboxed plugin's own process; a worker thread's is the core's. */
  rssBytes: z.number().nonnegative().optional(),
  /** CPU over the sample, one core = 100: a process's CPU time; a worker thread's event-loop utilisation. */
  cpuPercent: z.number().nonnegative(),
});

export const pluginStateKindSchema = z.enum(['starting', 'running', 'idle', 'restarting', 'disabled']);

export const pluginOverviewSchema = z.object({
  id: z.string(),
  name: z.string(),
  version: z.string(),
  /** The plugin API range it was written for, e.g. "^0.3.0". */
  apiVersion: z.string(),
  source: z.enum(['built-in', 'installed']),
  /** "worker": a thread of Switchboard's process; "process": sandboxed in its own. */
  runtime: z.enum(['worker', 'process']),
  state: pluginStateKindSchema,
  /** Why it is restarting or disabled, in words. */
  error: z.string().optional(),
  /** Disabled by the user (rather than after crashing). */
  disabledByUser: z.boolean(),
  accounts: z.array(z.object({ id: z.string(), label: z.string() })),
  resources: z.array(resourceSampleSchema),
  /** Where an installed plugin came from ("npm name@1.0.0", "file x.tgz", "folder /path"). */
  installedFrom: z.string().optional(),
});

/** A plugin ready to be installed once the user confirms (plugins.confirmInstall). */
export const pluginInstallPreviewSchema = z.object({
  token: z.string(),
  id: z.string(),
  name: z.string(),
  version: z.string(),
  author: z.string().optional(),
  description: z.string().optional(),
  apiVersion: z.string(),
  /** The capabilities its manifest declares, by name. */
  capabilities: z.array(z.string()),
  /** What its sandbox lets it do, in words. */
  allowances: z.array(z.string()),
  source: z.string(),
  /** The version installed now, when this is an update. */
  replacesVersion: z.string().optional(),
});

export const pluginInstallSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('folder'), path: z.string().min(1).max(4096) }),
  z.object({ kind: z.literal('npm'), name: z.string().min(1).max(214) }),
  /** A packed .tgz: its bytes as base64 (the Electron app) or a headless upload's id, as messages.sendFile takes files. */
  z.object({
    kind: z.literal('tarball'), name: z.string().min(1).max(255),
    dataBase64: z.string().max(56 * 1024 * 1024).optional(), uploadId: z.string().min(1).max(64).optional(),
  }),
]);

export type ResourceSampleView = z.infer<typeof resourceSampleSchema>;
export type PluginOverview = z.infer<typeof pluginOverviewSchema>;
export type PluginInstallPreview = z.infer<typeof pluginInstallPreviewSchema>;
export type PluginInstallSource = z.infer<typeof pluginInstallSourceSchema>;
