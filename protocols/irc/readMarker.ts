/**
 * draft/read-marker (https://ircv3.net/specs/extensions/read-marker): the server keeps, per
 * conversation, the time up to which the user has read, shared by all their clients.
 * `MARKREAD <target> timestamp=<time>` from the server (after a JOIN, and whenever another
 * client moves it) becomes a read receipt from our own id for the newest message we know up
 * to that time: the core then clears the unread count (a private chat's marker is asked for
 * when the chat is opened). Reading here sends MARKREAD with the
 * time of the message read. Messages are remembered by id and time as they are reported
 * (live and caught up), a bounded number per conversation.
 */
import type { IrcMessage } from 'irc-framework';
import type { ProtocolEvent } from '../api/index.js';
import type { NameRules } from './names.js';

const PER_CONVERSATION = 500;
const CONVERSATIONS = 1_000;

export interface ReadMarkerHost {
  readonly emit: (event: ProtocolEvent) => void;
  readonly names: NameRules;
  readonly send: (line: string) => void;
  readonly selfNick: () => string;
  readonly enabled: () => boolean;
}

interface Seen { readonly networkId: string; readonly timestamp: number }

export class ReadMarkers {
  /** conversation → its messages with ids, in the order reported (kept sorted by time). */
  private readonly seen = new Map<string, Seen[]>();
  /** conversation → the marker's time, for messages that arrive after it (a catch-up). */
  private readonly markers = new Map<string, number>();
  private readonly pending = new Set<string>();

  constructor(private readonly host: ReadMarkerHost) {}

  /** Every event the session emits passes here: messages are remembered. */
  observe(event: ProtocolEvent): void {
    if (event.type !== 'message.received' || event.message.networkId === undefined) return;
    const { conversationId, networkId, timestamp } = event.message;
    let list = this.seen.get(conversationId);
    if (!list) {
      list = [];
      this.seen.set(conversationId, list);
      if (this.seen.size > CONVERSATIONS) {
        const oldest = this.seen.keys().next();
        if (!oldest.done) this.seen.delete(oldest.value);
      }
    }
    let at = list.length;
    while (at > 0 && (list[at - 1]?.timestamp ?? 0) > timestamp) at--;
    list.splice(at, 0, { networkId, timestamp });
    if (list.length > PER_CONVERSATION) list.shift();
    // Caught up after the marker arrived: read already if it is not newer than the marker.
    const marker = this.markers.get(conversationId);
    if (marker !== undefined && timestamp <= marker) this.schedule(conversationId);
  }

  /** MARKREAD from the server. */
  onRaw(message: IrcMessage): void {
    if (message.command !== 'MARKREAD') return;
    const [target = '', value = ''] = message.params;
    const time = value.startsWith('timestamp=') ? Date.parse(value.slice('timestamp='.length)) : NaN;
    if (!target || !Number.isFinite(time)) return; // `*`: nothing read yet
    const conversationId = this.host.names.fold(target);
    this.markers.set(conversationId, Math.max(time, this.markers.get(conversationId) ?? 0));
    this.schedule(conversationId);
  }

  /** One receipt per conversation for a burst of lines (a catch-up after the marker). */
  private schedule(conversationId: string): void {
    if (this.pending.has(conversationId)) return;
    this.pending.add(conversationId);
    queueMicrotask(() => {
      this.pending.delete(conversationId);
      const marker = this.markers.get(conversationId) ?? -Infinity;
      const read = (this.seen.get(conversationId) ?? []).filter((m) => m.timestamp <= marker).at(-1);
      if (!read) return;
      this.host.emit({ type: 'receipt', conversationId, networkId: read.networkId, participantId: this.host.names.fold(this.host.selfNick()), kind: 'read' });
    });
  }

  /**
   * Ask for a private chat's marker (`MARKREAD <target>`): servers send a channel's after
   * JOIN by themselves, a nick's only when asked.
   */
  ask(target: string): void {
    if (this.host.enabled()) this.host.send(`MARKREAD ${target}`);
  }

  /** The user read up to this message here: tell the server (and so the user's other clients). */
  markRead(conversationId: string, networkId: string): void {
    if (!this.host.enabled()) return;
    const id = this.host.names.fold(conversationId);
    const message = this.seen.get(id)?.find((m) => m.networkId === networkId);
    if (!message || (this.markers.get(id) ?? -Infinity) >= message.timestamp) return;
    this.markers.set(id, message.timestamp);
    this.host.send(`MARKREAD ${conversationId} timestamp=${new Date(message.timestamp).toISOString()}`);
  }

  clear(): void {
    this.pending.clear();
  }
}
