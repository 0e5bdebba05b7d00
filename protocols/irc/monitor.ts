/**
 * IRC contacts: the buddy list lives in the plugin storage and is watched with IRCv3
 * MONITOR (https://ircv3.net/specs/extensions/monitor: 730 RPL_MONONLINE, 731
 * RPL_MONOFFLINE), or by ISON polling (RFC 2812 §4.9, 303 RPL_ISON) on servers without it.
 * away-notify (https://ircv3.net/specs/extensions/away-notify) turns AWAY lines of
 * contacts into away / available.
 *
 * MONITOR lists are limited by the server (ISUPPORT `MONITOR=<limit>`; no value means no
 * limit): contacts beyond the limit, and those the server refuses with 734
 * ERR_MONLISTFULL, are watched by ISON polling instead, so every contact still shows
 * whether it is online and the server is never asked for more than it allows.
 */
import type { IrcMessage } from 'irc-framework';
import type { PluginStorage, Presence, ProtocolEvent } from '../api/index.js';
import type { NameRules } from './names.js';
import { packTargets } from './targets.js';

const STORAGE_KEY = 'contacts';
export const ISON_INTERVAL_MS = 30_000;

export interface MonitorHost {
  readonly emit: (event: ProtocolEvent) => void;
  readonly send: (line: string) => void;
  readonly storage: PluginStorage;
  /** ISUPPORT MONITOR: its limit (Infinity when it gives none), or undefined when the server has no MONITOR. */
  readonly monitorLimit: () => number | undefined;
  /** How many targets one MONITOR line may carry (ISUPPORT TARGMAX, targets.ts). */
  readonly monitorTargets: () => number;
  readonly warn: (message: string) => void;
  readonly names: NameRules;
}

export class ContactWatcher {
  /** id → nick as the user typed it. */
  private readonly contacts = new Map<string, string>();
  private readonly presence = new Map<string, Presence['status']>();
  /** Ids on the server's MONITOR list. */
  private readonly monitored = new Set<string>();
  /** ISON queries sent and not answered yet, oldest first: each 303 answers the first. */
  private readonly isonAsked: string[][] = [];
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly host: MonitorHost) {}

  async load(): Promise<void> {
    try {
      const stored = await this.host.storage.get(STORAGE_KEY);
      if (Array.isArray(stored)) {
        for (const nick of stored) if (typeof nick === 'string' && nick) this.contacts.set(this.host.names.fold(nick), nick);
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
    this.watch([...this.contacts.keys()]);
    this.poll();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.monitored.clear();
    this.isonAsked.length = 0;
  }

  /** Put contacts on the MONITOR list while the server's limit allows; the rest are polled. */
  private watch(ids: readonly string[]): void {
    const limit = this.host.monitorLimit();
    if (limit === undefined) return;
    const room = Math.max(0, limit - this.monitored.size);
    const added = ids.filter((id) => !this.monitored.has(id)).slice(0, room);
    for (const id of added) this.monitored.add(id);
    const nicks = added.map((id) => this.contacts.get(id) ?? id);
    for (const line of packTargets('MONITOR + ', nicks, ',', this.host.names.lineMaxBytes(), this.host.monitorTargets())) this.host.send(line);
  }

  /** Contacts not on the MONITOR list, asked with ISON now and every ISON_INTERVAL_MS. */
  private polled(): string[] {
    return [...this.contacts.keys()].filter((id) => !this.monitored.has(id));
  }

  private poll(): void {
    const ids = this.polled();
    if (ids.length === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
      return;
    }
    this.timer ??= setInterval(() => this.poll(), ISON_INTERVAL_MS);
    // ISON takes as many nicks as fit in a line (RFC 2812 §4.9); each 303 answers one line.
    for (const line of packTargets('ISON ', ids.map((id) => this.contacts.get(id) ?? id), ' ', this.host.names.lineMaxBytes(), Infinity)) {
      const chunk = line.slice('ISON '.length).split(' ').map((nick) => this.host.names.fold(nick));
      // A server that never answers must not make this grow: keep the last few queries.
      if (this.isonAsked.push(chunk) > 50) this.isonAsked.shift();
      this.host.send(line);
    }
  }

  async add(nick: string, online: boolean): Promise<void> {
    const id = this.host.names.fold(nick);
    this.contacts.set(id, nick);
    await this.save();
    this.upsert(id, 'unknown');
    if (!online) return;
    this.watch([id]);
    if (!this.monitored.has(id)) this.poll();
  }

  async remove(id: string, online: boolean): Promise<void> {
    const key = this.host.names.fold(id);
    const nick = this.contacts.get(key);
    if (nick === undefined) return;
    this.contacts.delete(key);
    this.presence.delete(key);
    await this.save();
    if (online && this.monitored.delete(key)) {
      this.host.send(`MONITOR - ${nick}`);
      // Room on the list again: a polled contact moves onto it.
      this.watch(this.polled());
    }
    this.host.emit({ type: 'contact.removed', contactId: key });
  }

  has(nick: string): boolean {
    return this.contacts.has(this.host.names.fold(nick));
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
      case '303': { // RPL_ISON: the online ones among those asked (only those: MONITORed ones are not in it)
        const online = new Set(list.split(' ').filter(Boolean).map((nick) => this.host.names.fold(nick)));
        const asked = this.isonAsked.shift() ?? this.polled();
        for (const id of asked) {
          if (!this.contacts.has(id)) continue;
          const status = online.has(id) ? (this.presence.get(id) === 'away' ? 'away' : 'available') : 'offline';
          if (this.presence.get(id) !== status) this.set(id, status);
        }
        break;
      }
      case '734': { // ERR_MONLISTFULL <nick> <limit> <targets> :Monitor list is full.
        const refused = (message.params[2] ?? '').split(',').map((n) => this.host.names.fold(n.trim())).filter((id) => this.monitored.delete(id));
        if (refused.length > 0) this.poll();
        break;
      }
      case 'AWAY': {
        const nick = message.nick ?? '';
        if (!this.has(nick)) break;
        const text = message.params[0];
        this.emit(this.host.names.fold(nick), text ? 'away' : 'available', this.contacts.get(this.host.names.fold(nick)) ?? nick, text);
        break;
      }
      case 'QUIT':
        if (this.has(message.nick ?? '')) this.set(message.nick ?? '', 'offline');
        break;
      default:
    }
  }

  private set(nick: string, status: Presence['status']): void {
    const id = this.host.names.fold(nick.trim());
    if (!id || !this.contacts.has(id)) return;
    this.upsert(id, status);
  }
}
