/**
 * Updates from the release feed (the GitHub releases .github/workflows/release.yml
 * publishes; electron-updater reads the app-update.yml electron-builder packs from
 * build/electron-builder.yml's `publish`). Opt-in: only with the `autoUpdate` preference on,
 * and never in a development build (not packaged: there is nothing to update, and
 * electron-updater is not even loaded). Turning the preference on checks at once and then
 * every few hours; turning it off stops the checks and keeps a downloaded update from
 * installing itself on quit.
 */
import type { Preferences, PreferenceKey } from '../bridge/preferences.js';

/** The part of electron-updater's AppUpdater used here (a stand-in in tests). */
export interface Updater {
  checkForUpdatesAndNotify(): Promise<unknown>;
  autoInstallOnAppQuit: boolean;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface PreferenceSource {
  get(): Preferences;
  onChange(listener: (preferences: Preferences, changed: ReadonlySet<PreferenceKey>) => void): () => void;
}

export interface AutoUpdateOptions {
  /** Electron's `app.isPackaged`: false when run from the source tree (`npm start`). */
  readonly packaged: boolean;
  readonly preferences: PreferenceSource;
  /** electron-updater's `autoUpdater`, loaded only when first needed. */
  readonly loadUpdater: () => Promise<Updater>;
  readonly log: (line: string) => void;
  readonly intervalMs?: number;
}

/** Between two checks: four hours, as VS Code's and Signal Desktop's updaters are in that range. */
export const UPDATE_CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;

/**
 * The object holding electron-updater's `autoUpdater`, found without reading it (reading
 * it creates the updater, which needs Electron): the module namespace itself under a
 * bundler, or its `default` under Node's `import()`, which cannot see that CommonJS
 * module's getter-defined export as a named one.
 */
export function autoUpdaterHolder(module: unknown): { readonly autoUpdater: Updater } {
  const holds = (value: unknown): value is { readonly autoUpdater: Updater } =>
    typeof value === 'object' && value !== null && 'autoUpdater' in value;
  if (holds(module)) return module;
  const fallback: unknown = typeof module === 'object' && module !== null ? Reflect.get(module, 'default') : undefined;
  if (holds(fallback)) return fallback;
  throw new Error('electron-updater has no autoUpdater');
}

export function updatesWanted(packaged: boolean, preferences: Preferences): boolean {
  return packaged && preferences.autoUpdate;
}

export interface AutoUpdate {
  stop(): void;
}

export function startAutoUpdate(options: AutoUpdateOptions): AutoUpdate {
  if (!options.packaged) return { stop: () => undefined };
  const { log } = options;
  let updater: Promise<Updater> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const load = (): Promise<Updater> => {
    updater ??= options.loadUpdater().then((loaded) => {
      loaded.on('error', (error) => {
        log(`update check failed: ${error.message}`);
      });
      return loaded;
    });
    return updater;
  };
  const check = (): void => {
    load()
      .then((loaded) => loaded.checkForUpdatesAndNotify())
      .catch((error: unknown) => {
        log(`could not check for updates: ${error instanceof Error ? error.message : String(error)}`);
      });
  };
  const apply = (preferences: Preferences): void => {
    const wanted = updatesWanted(options.packaged, preferences);
    if (updater !== undefined || wanted) {
      void load().then((loaded) => {
        loaded.autoInstallOnAppQuit = wanted;
      }, () => undefined);
    }
    if (wanted && timer === undefined) {
      check();
      timer = setInterval(check, options.intervalMs ?? UPDATE_CHECK_INTERVAL_MS);
      timer.unref();
    } else if (!wanted && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
  apply(options.preferences.get());
  const unsubscribe = options.preferences.onChange((preferences, changed) => {
    if (changed.has('autoUpdate')) apply(preferences);
  });
  return {
    stop: () => {
      unsubscribe();
      clearInterval(timer);
      timer = undefined;
    },
  };
}
