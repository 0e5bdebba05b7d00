/**
 * The channel list (RFC 2812 §3.2.6 LIST; replies 322 RPL_LIST and 323 RPL_LISTEND) as the
 * room directory: one LIST at a time, only the channels matching the query kept, and of
 * those only the biggest `limit` (networks list tens of thousands; bounded.ts).
 */
import type { IrcMessage } from 'irc-framework';
import { ProtocolError, type RoomDirectoryEntry } from '../api/index.js';
import { TopEntries } from './topEntries.js';
import { withTimeout } from './timeout.js';

/** Most channels a LIST returns. */
const MAX_LISTED = 1_000;
const LIST_TIMEOUT_MS = 60_000;

export class ChannelList {
  /** A LIST in progress. */
  private listing: { matches: (entry: RoomDirectoryEntry) => boolean; entries: TopEntries<RoomDirectoryEntry>; resolve: () => void } | undefined;

  constructor(private readonly send: (line: string) => void) {}

  fetch(query: string, limit: number): Promise<readonly RoomDirectoryEntry[]> {
    if (this.listing) return Promise.reject(new ProtocolError('rate-limited', 'A channel list is already being fetched.'));
    const needle = query.trim().toLowerCase();
    const entries = new TopEntries<RoomDirectoryEntry>(Math.max(0, Math.min(limit, MAX_LISTED)), (e) => e.memberCount ?? 0);
    const listed = new Promise<void>((resolve) => {
      this.listing = {
        matches: (e) => !needle || e.id.toLowerCase().includes(needle) || (e.topic ?? '').toLowerCase().includes(needle),
        entries, resolve,
      };
    });
    this.send('LIST');
    return withTimeout(listed, LIST_TIMEOUT_MS, () => new ProtocolError('network', 'The server did not finish the channel list.')).then(() => entries.result());
  }

  /** True when the line was a reply of the LIST in progress. */
  onRaw(message: IrcMessage): boolean {
    if (!this.listing) return false;
    if (message.command === '322') { // RPL_LIST
      const [, channel = '', users = '0', topic = ''] = message.params;
      // Servers put the channel modes before the topic ("[+nt] topic"): not part of the topic.
      const entry = { id: channel, title: channel, memberCount: Number(users) || 0, ...(topic ? { topic: topic.replace(/^\[[^\]]*\]\s*/, '') } : {}) };
      if (this.listing.matches(entry)) this.listing.entries.offer(entry);
      return true;
    }
    if (message.command === '323') { // RPL_LISTEND
      this.end();
      return true;
    }
    return false;
  }

  /** The connection is gone: a LIST in progress ends with what it had. */
  end(): void {
    this.listing?.resolve();
    this.listing = undefined;
  }
}
