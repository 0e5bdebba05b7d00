/**
 * The user's preferences, kept in the profile: read once at start, changed by the bridge's
 * `preferences.set`, announced to every window (`preferences.changed`) and to the core's
 * own listeners (auto-away, the desktop shell's tray and updater).
 */
import {
  DEFAULT_PREFERENCES, preferenceKeys, preferenceSchemas, type PreferenceKey, type Preferences, type PreferencesPatch,
} from '../../bridge/preferences.js';
import type { EventBatcher } from '../bridge/eventBatcher.js';
import type { PreferencesRepository } from '../store/preferencesRepository.js';

export type PreferencesListener = (preferences: Preferences, changed: ReadonlySet<PreferenceKey>) => void;

export class PreferencesService {
  private current: Preferences;
  private readonly listeners = new Set<PreferencesListener>();

  constructor(private readonly repository: PreferencesRepository, private readonly events: EventBatcher, log: (line: string) => void) {
    const stored = repository.list();
    const values: Record<string, unknown> = { ...DEFAULT_PREFERENCES };
    for (const key of preferenceKeys) {
      if (!stored.has(key)) continue;
      const parsed = preferenceSchemas[key].safeParse(stored.get(key));
      if (parsed.success) values[key] = parsed.data;
      else log(`Preference "${key}" had a value this version cannot use; using the default.`);
    }
    this.current = values as Preferences;
  }

  get(): Preferences {
    return this.current;
  }

  /** Applies a checked change; a value equal to the default is stored as "not set". */
  set(patch: PreferencesPatch): Preferences {
    const next: Record<string, unknown> = { ...this.current };
    const changed = new Set<PreferenceKey>();
    const stored = new Map<string, unknown>();
    const cleared: string[] = [];
    for (const key of preferenceKeys) {
      const value = patch[key];
      if (value === undefined || value === this.current[key]) continue;
      next[key] = value;
      changed.add(key);
      if (value === DEFAULT_PREFERENCES[key]) cleared.push(key);
      else stored.set(key, value);
    }
    if (changed.size === 0) return this.current;
    this.repository.write(stored, cleared);
    this.current = next as Preferences;
    this.events.emit({ type: 'preferences.changed', payload: { preferences: this.current } });
    for (const listener of this.listeners) listener(this.current, changed);
    return this.current;
  }

  onChange(listener: PreferencesListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
