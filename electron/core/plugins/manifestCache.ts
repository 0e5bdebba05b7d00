/**
 * The manifests of built-in plugins as read at an earlier start, so that a start does not
 * run every plugin's worker just to ask for its manifest (the Matrix SDK alone takes ~0.6 s
 * to load): a plugin no enabled account uses is not started at all, and one that is used is
 * started by its first connection. Keyed by the entry file's path, size and modification
 * time: a changed plugin is asked again. A file that cannot be read or written costs only
 * the time it was meant to save.
 *
 * A profile's first start has no such file: the build writes each built-in plugin's
 * manifest beside its entry file ({@link SHIPPED_MANIFEST}, with the entry's size), so that
 * a new user's first start does not load every plugin either (931 → 641 ms to the buddy
 * list with an empty profile in `npm run bench -- startup`).
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PluginManifest } from '../../../protocols/api/index.js';
import { pluginManifestSchema } from '../../../protocols/api/validation/index.js';

interface Entry { readonly size: number; readonly mtimeMs: number; readonly manifest: unknown }

/** Beside a built-in plugin's `index.js`: `{ entrySize, manifest }`, written by build/build.mjs. */
export const SHIPPED_MANIFEST = 'manifest.json';

export class ManifestCache {
  private entries: Record<string, Entry> | undefined;

  constructor(private readonly file: string) {}

  /** The manifest read before from this entry file, unchanged since. */
  get(entryFile: string): PluginManifest | undefined {
    const entry = this.read()[entryFile];
    const stat = statOf(entryFile);
    if (!stat) return undefined;
    if (!entry || entry.size !== stat.size || entry.mtimeMs !== stat.mtimeMs) return shipped(entryFile, stat.size);
    const parsed = pluginManifestSchema.safeParse(entry.manifest);
    return parsed.success ? parsed.data : undefined;
  }

  set(entryFile: string, manifest: PluginManifest): void {
    const stat = statOf(entryFile);
    if (!stat) return;
    const entries = { ...this.read(), [entryFile]: { size: stat.size, mtimeMs: stat.mtimeMs, manifest } };
    this.entries = entries;
    try {
      writeFileSync(this.file, `${JSON.stringify(entries)}\n`, { mode: 0o600 });
    } catch {
      // Not kept: the next start asks the plugin again.
    }
  }

  private read(): Record<string, Entry> {
    if (this.entries) return this.entries;
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
      this.entries = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed as Record<string, Entry> : {};
    } catch {
      this.entries = {};
    }
    return this.entries;
  }
}

/** The manifest the build wrote beside the entry file, while the entry is the size it was built with. */
function shipped(entryFile: string, size: number): PluginManifest | undefined {
  try {
    const written = JSON.parse(readFileSync(join(dirname(entryFile), SHIPPED_MANIFEST), 'utf8')) as { entrySize?: unknown; manifest?: unknown } | null;
    if (written?.entrySize !== size) return undefined;
    const parsed = pluginManifestSchema.safeParse(written.manifest);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function statOf(file: string): { size: number; mtimeMs: number } | undefined {
  try {
    const stat = statSync(file);
    return { size: stat.size, mtimeMs: stat.mtimeMs };
  } catch {
    return undefined;
  }
}
