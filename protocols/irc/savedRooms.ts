/**
 * The channels the user is in and their keys, kept in the plugin storage: the core rejoins
 * rooms by name after a reconnect (`coreRejoinsRooms`), and a keyed channel (+k, RFC 2811
 * §4.2.7) needs its key again, which only the plugin keeps.
 */
import type { PluginStorage } from '../api/index.js';
import type { NameRules } from './names.js';

const STORAGE_KEY = 'rooms';

export interface SavedRoom {
  readonly channel: string;
  readonly key?: string;
}

export class SavedRooms {
  private readonly rooms = new Map<string, SavedRoom>();

  constructor(private readonly names: NameRules, private readonly storage: PluginStorage, private readonly warn: (message: string) => void) {}

  async load(): Promise<void> {
    try {
      const stored = await this.storage.get(STORAGE_KEY);
      if (!Array.isArray(stored)) return;
      for (const entry of stored as unknown[]) {
        if (typeof entry !== 'object' || entry === null) continue;
        const { channel, key } = entry as Record<string, unknown>;
        if (typeof channel !== 'string' || !/^[#&+!][^\s,\x07\0]+$/.test(channel)) continue;
        this.rooms.set(this.names.fold(channel), typeof key === 'string' && key ? { channel, key } : { channel });
      }
    } catch (error: unknown) {
      this.warn(`IRC: could not read the saved channels: ${String(error)}`);
    }
  }

  list(): SavedRoom[] {
    return [...this.rooms.values()];
  }

  add(channel: string, key?: string): void {
    const id = this.names.fold(channel);
    const known = this.rooms.get(id);
    if (known && (key === undefined || known.key === key)) return;
    this.rooms.set(id, key ? { channel, key } : { channel, ...(known?.key ? { key: known.key } : {}) });
    this.save();
  }

  remove(channel: string): void {
    if (this.rooms.delete(this.names.fold(channel))) this.save();
  }

  private save(): void {
    this.storage.set(STORAGE_KEY, this.list()).catch((error: unknown) => this.warn(`IRC: could not save the channels: ${String(error)}`));
  }
}
