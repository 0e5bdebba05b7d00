/**
 * Where the hosts' files are: the profile folder's name and layout, and what the build puts
 * in dist/. Only paths, nothing that opens a file: the Electron shell's main process imports
 * this without pulling in the core (hostStartup.ts, which starts it, re-exports these).
 */
import { join } from 'node:path';

/** The profile folder's name in the platform's per-user application-data folder (both hosts). */
export const PROFILE_FOLDER_NAME = 'Switchboard';

/** Where the hosts' files live in a profile folder. */
export interface ProfileLayout {
  /** The secret store's file (the desktop app's is encrypted by safeStorage; headless mode's is a 0600 file). */
  readonly secretsFile: string;
  /** Third-party plugins the user installed, one folder each. */
  readonly pluginsDir: string;
  /** Headless mode's uploads still arriving over HTTP (same file system as the core's files: they are renamed). */
  readonly stagedUploadsDir: string;
  /** The desktop app's window size, position and maximized state (electron/shell/windowStateFile.ts). */
  readonly windowStateFile: string;
}

export function profileLayout(profileDir: string): ProfileLayout {
  return {
    secretsFile: join(profileDir, 'secrets.json'),
    pluginsDir: join(profileDir, 'plugins'),
    stagedUploadsDir: join(profileDir, 'uploads-staged'),
    windowStateFile: join(profileDir, 'window-state.json'),
  };
}

/** Where the build puts what the hosts load (build/build.mjs); both hosts' entry points sit one folder below `dist`. */
export interface DistLayout {
  readonly workerEntry: string;
  /** The core's own process in the desktop app (electron/core/process/coreProcessMain.ts). */
  readonly coreProcessEntry: string;
  readonly builtInPluginsDir: string;
  readonly rendererDir: string;
}

export function distLayout(distDir: string): DistLayout {
  return {
    workerEntry: join(distDir, 'core', 'pluginWorker.js'),
    coreProcessEntry: join(distDir, 'core', 'coreProcess.js'),
    builtInPluginsDir: join(distDir, 'plugins'),
    rendererDir: join(distDir, 'renderer'),
  };
}
