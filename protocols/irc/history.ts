/**
 * IRCv3 chathistory (https://ircv3.net/specs/extensions/chathistory): catch-up after every
 * (re)connect and scroll-back pages. Replies come as `BATCH +id chathistory <target>`
 * (https://ircv3.net/specs/extensions/batch); lines inside such a batch are history, never
 * live traffic, whether we asked for them (CHATHISTORY) or the server replays them on
 * join (InspIRCd's chanhistory). Catch-up messages are emitted as `message.received`,
 * skipping what we had already seen (the core also drops duplicates by network id);
 * pages are returned to `fetchHistory`.
 *
 * The newest server time seen per conversation is kept in the plugin storage, so a new
 * connection (the core makes one per reconnect) asks only for what it missed.
 *
 * A bouncer replays the same way: ZNC (1.7+, with the `batch` capability) sends each
 * conversation's buffer on attach as `BATCH +id znc.in/playback <target>`, every line with
 * ZNC's receipt time, and tags live lines with its clock too. With its default
 * AutoClearChanBuffer the buffer holds only what was missed; without it (several clients on
 * one bouncer) it holds what we saw already: either way, what is not newer than the last
 * line seen there is dropped, and the rest is catch-up.
 */
import { BoundedSet, ProtocolError, type HistoryPage, type HistoryRequest, type IncomingMessage, type PluginStorage } from '../api/index.js';
import type { IrcMessage } from 'irc-framework';
import { toMessage, type IncomingContext, type TextKind } from './incoming.js';

const STORAGE_KEY = 'lastSeen';
/** Batch types whose lines are history: CHATHISTORY replies, and a bouncer's buffer playback. */
const HISTORY_BATCHES = new Set(['chathistory', 'znc.in/playback']);
const CATCH_UP_FIRST_TIME = 50;
/** Pages of catch-up per conversation and connection; beyond, the rest is a gap to page back through. */
export const CATCH_UP_MAX_PAGES = 10;
const REQUEST_TIMEOUT_MS = 15_000;
/**
 * Conversations whose position is kept (and saved): every nick that writes once adds one,
 * so a flood of new nicks must not grow it (or the saved positions) without limit.
 */
export const KEPT_CONVERSATIONS = 2_000;
/** Msgids remembered per conversation to drop replayed duplicates. */
const KEPT_IDS = 200;
/** Msgids remembered across conversations, to drop a line the server sends twice. */
const RECENT_IDS = 5_000;

interface Pending {
  readonly resolve: (messages: IncomingMessage[]) => void;
  readonly reject: (error: ProtocolError) => void;
}

interface OpenBatch {
  readonly target: string;
  readonly messages: IncomingMessage[];
  readonly request: Pending | undefined;
}

export interface HistoryHost extends IncomingContext {
  /** Send a raw line. */
  readonly send: (line: string) => void;
  readonly storage: PluginStorage;
  /** The server's CHATHISTORY limit when it supports the command, else undefined. */
  readonly commandLimit: () => number | undefined;
  readonly warn: (message: string) => void;
}

/** The text kind and message of a PRIVMSG / NOTICE line (CTCP ACTION unwrapped), else undefined. */
export function messageOfLine(message: IrcMessage): { kind: TextKind; text: string } | undefined {
  const text = message.params[1];
  if (text === undefined) return undefined;
  if (message.command === 'NOTICE') return { kind: 'notice', text };
  if (message.command !== 'PRIVMSG') return undefined;
  if (text.startsWith('\x01ACTION ')) return { kind: 'action', text: text.slice(8).replace(/\x01$/, '') };
  if (text.startsWith('\x01')) return undefined; // other CTCP
  return { kind: 'text', text };
}

export class HistoryTracker {
  private readonly batches = new Map<string, OpenBatch>();
  /** Ids of finished history batches: irc-framework replays a batch's lines after its end. */
  private readonly finished = new Set<string>();
  private readonly pending = new Map<string, Pending[]>();
  /**
   * Per conversation: the newest server time seen and the last msgids seen. Catch-up is
   * filtered by msgid, because a server may replay with coarser times than it sent live
   * (InspIRCd's chanhistory keeps seconds).
   */
  private readonly lastSeen = new Map<string, { time: number; ids: string[] }>();
  private readonly recentIds = new BoundedSet<string>(RECENT_IDS);
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly catchingUp = new Set<string>();
  /** The connection is gone (clear()); a catch-up still running must not deliver or mark gaps. */
  private cleared = false;
  /** Settles when the saved positions have been read (load()). */
  private loaded: Promise<void> = Promise.resolve();

  constructor(private readonly host: HistoryHost) {}

  /**
   * Read the saved positions. A bouncer replays its buffer right after 001, before the
   * plugin storage has answered: catch-up waits for this (finish()), and positions of
   * lines seen meanwhile are merged with the saved ones, never overwritten by older ones.
   */
  load(): Promise<void> {
    this.loaded = this.read();
    return this.loaded;
  }

  private async read(): Promise<void> {
    try {
      const stored = await this.host.storage.get(STORAGE_KEY);
      if (stored && typeof stored === 'object') {
        for (const [id, entry] of Object.entries(stored as Record<string, unknown>)) {
          if (typeof entry !== 'object' || entry === null) continue;
          const { time, ids } = entry as Record<string, unknown>;
          if (typeof time !== 'number' || !Number.isFinite(time)) continue;
          const saved = Array.isArray(ids) ? ids.filter((i): i is string => typeof i === 'string') : [];
          const now = this.lastSeen.get(id);
          const merged = now ? [...saved.filter((i) => !now.ids.includes(i)), ...now.ids] : saved;
          this.lastSeen.set(id, { time: Math.max(time, now?.time ?? 0), ids: merged.slice(-KEPT_IDS) });
        }
      }
    } catch (error: unknown) {
      this.host.warn(`IRC: could not read the history positions: ${String(error)}`);
    }
  }

  /** Record a message shown to the user (live or history). False if it was seen already. */
  seen(message: IncomingMessage): boolean {
    if (message.networkId !== undefined) {
      if (this.recentIds.has(message.networkId)) return false;
      this.recentIds.add(message.networkId);
    }
    const last = this.lastSeen.get(message.conversationId) ?? { time: 0, ids: [] };
    last.time = Math.max(last.time, message.timestamp);
    if (message.networkId !== undefined && !last.ids.includes(message.networkId)) {
      last.ids.push(message.networkId);
      if (last.ids.length > KEPT_IDS) last.ids.shift();
    }
    // Re-inserted last: the Map stays in order of use, and the least recently used go first.
    this.lastSeen.delete(message.conversationId);
    this.lastSeen.set(message.conversationId, last);
    if (this.lastSeen.size > KEPT_CONVERSATIONS) {
      const oldest = this.lastSeen.keys().next();
      if (!oldest.done) this.lastSeen.delete(oldest.value);
    }
    this.scheduleSave();
    return true;
  }

  private scheduleSave(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => void this.flush(), 1_000);
  }

  async flush(): Promise<void> {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    try {
      await this.host.storage.set(STORAGE_KEY, Object.fromEntries(this.lastSeen));
    } catch (error: unknown) {
      this.host.warn(`IRC: could not save the history positions: ${String(error)}`);
    }
  }

  /** A private chat moved to a new nick: its catch-up position goes with it. */
  renamed(from: string, to: string): void {
    const position = this.lastSeen.get(from);
    if (!position || this.lastSeen.has(to)) return;
    this.lastSeen.delete(from);
    this.lastSeen.set(to, position);
    this.scheduleSave();
  }

  /** True when a line belongs to a history batch (it is history, not live traffic). */
  isHistoryBatch(batchId: string | true | undefined): boolean {
    return typeof batchId === 'string' && (this.batches.has(batchId) || this.finished.has(batchId));
  }

  /** Follow BATCH, FAIL CHATHISTORY and the lines inside chathistory batches. */
  onRaw(message: IrcMessage): void {
    if (message.command === 'BATCH') {
      const reference = message.params[0] ?? '';
      const id = reference.slice(1);
      if (reference.startsWith('+') && HISTORY_BATCHES.has(message.params[1] ?? '')) {
        const target = this.host.names.fold(message.params[2] ?? '');
        // Only a CHATHISTORY batch answers a request of ours; a playback is catch-up.
        const queue = message.params[1] === 'chathistory' ? this.pending.get(target) : undefined;
        this.batches.set(id, { target, messages: [], request: queue?.shift() });
      } else if (reference.startsWith('-')) {
        const batch = this.batches.get(id);
        this.batches.delete(id);
        if (!batch) return;
        this.finished.add(id);
        if (this.finished.size > 100) {
          const oldest = this.finished.values().next();
          if (!oldest.done) this.finished.delete(oldest.value);
        }
        this.finish(batch);
      }
      return;
    }
    if (message.command === 'FAIL' && message.params[0] === 'CHATHISTORY') {
      const target = this.host.names.fold(message.params.find((p) => this.host.names.isChannel(p)) ?? message.params[2] ?? '');
      const queue = this.pending.get(target) ?? [...this.pending.values()].find((q) => q.length > 0);
      queue?.shift()?.reject(new ProtocolError('protocol', `The server refused the history request: ${message.params.at(-1) ?? ''}`));
      return;
    }
    if (message.command === 'CHATHISTORY' && message.params[0] === 'TARGETS') {
      // A reply line of CHATHISTORY TARGETS: <target> <timestamp>; channels catch up on join.
      const target = message.params[1] ?? '';
      if (target && !/^[#&+!]/.test(target)) this.catchUp(target);
      return;
    }
    const batchId = message.tags['batch'];
    const batch = typeof batchId === 'string' ? this.batches.get(batchId) : undefined;
    if (!batch) return;
    const line = messageOfLine(message);
    if (!line) return;
    const converted = toMessage(this.host, line.kind, {
      nick: message.nick, target: message.params[0], message: line.text, tags: message.tags,
    });
    if (converted) batch.messages.push(converted);
  }

  private finish(batch: OpenBatch): void {
    const ordered = [...batch.messages].sort((a, b) => a.timestamp - b.timestamp);
    if (batch.request) {
      batch.request.resolve(ordered);
      return;
    }
    void this.loaded.then(() => {
      if (!this.cleared) this.deliverCatchUp(ordered);
    });
  }

  /** Emit catch-up (asked for, or replayed on join): only what is newer than what we saw, oldest first. */
  private deliverCatchUp(messages: readonly IncomingMessage[]): void {
    const ordered = [...messages].sort((a, b) => a.timestamp - b.timestamp);
    const last = ordered.length > 0 ? this.lastSeen.get(ordered[0]?.conversationId ?? '') : undefined;
    const since = last ? { time: last.time, ids: new Set(last.ids) } : undefined;
    for (const message of ordered) {
      if (since && (message.networkId !== undefined ? since.ids.has(message.networkId) : message.timestamp <= since.time)) continue;
      if (!this.seen(message)) continue;
      // History, not live: it may come after newer live lines; the core places it by server time (API 0.4).
      this.host.emit({ type: 'message.received', message: { ...message, catchUp: true } });
    }
  }

  private request(target: string, line: string, timeoutMs: number): Promise<IncomingMessage[]> {
    const key = this.host.names.fold(target);
    return new Promise<IncomingMessage[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        const queue = this.pending.get(key);
        const index = queue?.indexOf(entry) ?? -1;
        if (queue && index >= 0) queue.splice(index, 1);
        reject(new ProtocolError('network', `The server did not answer the history request for ${target}.`));
      }, timeoutMs);
      const entry: Pending = {
        resolve: (messages) => { clearTimeout(timer); resolve(messages); },
        reject: (error) => { clearTimeout(timer); reject(error); },
      };
      const queue = this.pending.get(key) ?? [];
      queue.push(entry);
      this.pending.set(key, queue);
      this.host.send(line);
    });
  }

  /**
   * Ask for what was missed in a conversation since the last message seen (no-op without
   * CHATHISTORY). `LATEST <target> timestamp=<last seen>` answers only the newest page
   * after that point (https://ircv3.net/specs/extensions/chathistory#latest); when the page
   * is full, older pages follow with `BEFORE` until one reaches a message already seen.
   * Whatever stops that first (the page cap, an error, a server that stops answering)
   * leaves a hole the core is told about (`history.gap`), never a silent one.
   */
  catchUp(target: string): void {
    const limit = this.host.commandLimit();
    if (limit === undefined) return;
    const key = this.host.names.fold(target);
    if (this.catchingUp.has(key)) return;
    this.catchingUp.add(key);
    void this.catchUpPages(target, key, limit)
      .catch((error: unknown) => this.host.warn(`IRC: catching up on ${target} failed: ${String(error)}`))
      .finally(() => this.catchingUp.delete(key));
  }

  private async catchUpPages(target: string, key: string, limit: number): Promise<void> {
    const last = this.lastSeen.get(key);
    if (!last) {
      // First time here: nothing stored to meet, just the latest few; older ones are fetchHistory's.
      const first = await this.request(target, `CHATHISTORY LATEST ${target} * ${Math.min(CATCH_UP_FIRST_TIME, limit)}`, REQUEST_TIMEOUT_MS).catch(() => []);
      this.deliverCatchUp(first);
      return;
    }
    const since = { time: last.time, ids: new Set(last.ids) };
    const lastId = last.ids.at(-1);
    const known = (m: IncomingMessage): boolean => (m.networkId !== undefined ? since.ids.has(m.networkId) : m.timestamp <= since.time) || m.timestamp < since.time;
    const collected: IncomingMessage[] = [];
    let line = `CHATHISTORY LATEST ${target} timestamp=${new Date(last.time).toISOString()} ${limit}`;
    let stopped: string | undefined;
    for (let page = 1; ; page++) {
      let messages: IncomingMessage[];
      try {
        messages = await this.request(target, line, REQUEST_TIMEOUT_MS);
      } catch (error: unknown) {
        if (this.cleared) return; // the connection is gone: the next one catches up from the same point
        stopped = error instanceof ProtocolError ? error.message : String(error);
        break;
      }
      const fresh = messages.filter((m) => !known(m));
      collected.unshift(...fresh);
      if (messages.length < limit || fresh.length < messages.length) break; // met what we had
      if (page >= CATCH_UP_MAX_PAGES) {
        stopped = `Catching up stopped after ${page * limit} messages.`;
        break;
      }
      const oldest = messages[0];
      if (!oldest) break;
      line = `CHATHISTORY BEFORE ${target} ${oldest.networkId !== undefined ? `msgid=${oldest.networkId}` : `timestamp=${new Date(oldest.timestamp).toISOString()}`} ${limit}`;
    }
    if (this.cleared) return;
    this.deliverCatchUp(collected);
    if (stopped === undefined) return;
    const first = collected[0];
    this.host.emit({
      type: 'history.gap', conversationId: key, reason: stopped,
      after: { timestamp: since.time, ...(lastId !== undefined ? { networkId: lastId } : {}) },
      before: first ? { timestamp: first.timestamp, ...(first.networkId !== undefined ? { networkId: first.networkId } : {}) } : { timestamp: Date.now() },
    });
  }

  /**
   * Private conversations have no JOIN to hang a catch-up on: ask which targets had
   * messages since we were last seen (CHATHISTORY TARGETS), then catch up on each query.
   */
  catchUpDirect(): void {
    const limit = this.host.commandLimit();
    if (limit === undefined) return;
    let since = 0;
    for (const { time } of this.lastSeen.values()) since = Math.max(since, time);
    if (since === 0) return; // first login: nothing to catch up on
    const until = new Date(Date.now() + 60_000).toISOString();
    this.host.send(`CHATHISTORY TARGETS timestamp=${new Date(since).toISOString()} timestamp=${until} ${Math.min(limit, 100)}`);
  }

  /** One page of older messages (`fetchHistory`). */
  async fetch(request: HistoryRequest): Promise<HistoryPage> {
    const limit = this.host.commandLimit();
    if (limit === undefined) throw new ProtocolError('not-supported', 'This IRC server keeps no message history (no CHATHISTORY).');
    const count = Math.max(1, Math.min(request.limit, limit));
    const before = request.before;
    const reference = before === undefined ? '*'
      : before.networkId !== undefined ? `msgid=${before.networkId}` : `timestamp=${new Date(before.timestamp).toISOString()}`;
    const command = before === undefined ? 'LATEST' : 'BEFORE';
    const messages = await this.request(request.conversationId, `CHATHISTORY ${command} ${request.conversationId} ${reference} ${count}`, REQUEST_TIMEOUT_MS);
    return { messages, complete: messages.length < count };
  }

  /** The connection is gone: fail what waits. */
  clear(): void {
    this.cleared = true;
    for (const queue of this.pending.values()) {
      for (const entry of queue) entry.reject(new ProtocolError('network', 'The connection to the server was lost.'));
    }
    this.pending.clear();
    this.batches.clear();
  }
}
