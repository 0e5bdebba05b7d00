/**
 * IRC contacts: the buddy list lives in the plugin storage and is watched with IRCv3
 * MONITOR (https://ircv3.net/specs/extensions/monitor: 730 RPL_MONONLINE, 731
 * RPL_MONOFFLINE), or by ISON polling (RFC 2812 §4.9, 303 RPL_ISON) on servers without it.
 * away-notify (https://ircv3.net/specs/extensions/away-notify) turns AWAY lines of
 * contacts into away / available.
 */
import type { IrcMessage } from 'irc-framework';
import type { PluginStorage, Presence, ProtocolEvent } from '../api/index.js';
import { ircLower } from './members.js';

const STORAGE_KEY = 'contacts';
export const ISON_INTERVAL_MS = 30_000;

export interface MonitorHost {
  readonly emit: (event: ProtocolEvent) => void;
  readonly send: (line: string) => void;
  readonly storage: PluginStorage;
  /** ISUPPORT MONITOR (its limit), or undefined when the server has none. */
  readonly monitorLimit: () => number | undefined;
  readonly warn: (message: string) => void;
}

export class ContactWatcher {
  /** id → nick as the user typed it. */
  private readonly contacts = new Map<string, string>();
  private readonly presence = new Map<string, Presence['status']>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly host: MonitorHost) {}

  async load(): Promise<void> {
    try {
      const stored = await this.host.storage.get(STORAGE_KEY);
      if (Array.isArray(stored)) {
        for (const nick of stored) if (typeof nick === 'string' && nick) this.contacts.set(ircLower(nick), nick);
      }
    } catch (error: unknown) {
      this.host.warn(`IRC: could not read the contact list: ${String(error)}`);
    }
  }

  private async save(): Promise<void> {
    await this.host.storage.set(STORAGE_KEY, [...this.contacts.values()]);
  }

  private upsert(id: string, status: Presence['status']): void {
    const nick = this.contacts.get(id) ?? id;
    this.emit(id, status, nick);
  }

  private emit(id: string, status: Presence['status'], nick: string, message?: string): void {
    const presence: Presence = message ? { status, message } : { status };
    this.presence.set(id, status);
    this.host.emit({ type: 'contact.upserted', contact: { id, displayName: nick, presence } });
    this.host.emit({ type: 'presence.changed', contactId: id, presence });
  }

  /** After login: announce the list and start watching it. */
  start(): void {
    for (const [id] of this.contacts) this.upsert(id, 'unknown');
    const nicks = [...this.contacts.values()];
    if (this.host.monitorLimit() !== undefined) {
      for (let i = 0; i < nicks.length; i += 50) this.host.send(`MONITOR + ${nicks.slice(i, i + 50).join(',')}`);
    } else {
      this.poll();
      this.timer = setInterval(() => this.poll(), ISON_INTERVAL_MS);
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private poll(): void {
    const nicks = [...this.contacts.values()];
    for (let i = 0; i < nicks.length; i += 20) this.host.send(`ISON ${nicks.slice(i, i + 20).join(' ')}`);
  }

  async add(nick: string, online: boolean): Promise<void> {
    const id = ircLower(nick);
    this.contacts.set(id, nick);
    await this.save();
    this.upsert(id, 'unknown');
    if (!online) return;
    const limit = this.host.monitorLimit();
    if (limit !== undefined) this.host.send(`MONITOR + ${nick}`);
    else this.host.send(`ISON ${nick}`);
  }

  async remove(id: string, online: boolean): Promise<void> {
    const key = ircLower(id);
    const nick = this.contacts.get(key);
    if (nick === undefined) return;
    this.contacts.delete(key);
    this.presence.delete(key);
    await this.save();
    if (online && this.host.monitorLimit() !== undefined) this.host.send(`MONITOR - ${nick}`);
    this.host.emit({ type: 'contact.removed', contactId: key });
  }

  has(nick: string): boolean {
    return this.contacts.has(ircLower(nick));
  }

  onRaw(message: IrcMessage): void {
    const list = message.params[1] ?? '';
    switch (message.command) {
      case '730': // RPL_MONONLINE: nick!user@host,...
        for (const target of list.split(',')) this.set(target.split('!')[0] ?? '', 'available');
        break;
      case '731': // RPL_MONOFFLINE: nick,...
        for (const target of list.split(',')) this.set(target, 'offline');
        break;
      case '303': { // RPL_ISON: the online ones among those asked
        const online = new Set(list.split(' ').filter(Boolean).map(ircLower));
        for (const id of this.contacts.keys()) {
          const status = online.has(id) ? (this.presence.get(id) === 'away' ? 'away' : 'available') : 'offline';
          if (this.presence.get(id) !== status) this.set(id, status);
        }
        break;
      }
      case 'AWAY': {
        const nick = message.nick ?? '';
        if (!this.has(nick)) break;
        const text = message.params[0];
        this.emit(ircLower(nick), text ? 'away' : 'available', this.contacts.get(ircLower(nick)) ?? nick, text);
        break;
      }
      case 'QUIT':
        if (this.has(message.nick ?? '')) this.set(message.nick ?? '', 'offline');
        break;
      default:
    }
  }

  private set(nick: string, status: Presence['status']): void {
    const id = ircLower(nick.trim());
    if (!id || !this.contacts.has(id)) return;
    this.upsert(id, status);
  }
}
