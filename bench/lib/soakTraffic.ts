/**
 * The soak's traffic, shared by the peers (bench/receivers/soakPeers.ts) and the part that
 * counts what the core stored (bench/parts/soak.ts): which streams there are, each one's
 * share of the rate, and the message body that names its stream and sequence number, so
 * that a missing message is found by its number.
 */

/** One kind of message on one network, numbered from 0 by its sender. */
export const STREAMS = ['irc.channel', 'irc.direct', 'xmpp.room', 'xmpp.direct', 'matrix.room', 'matrix.direct'] as const;
export type Stream = (typeof STREAMS)[number];

/**
 * Share of the whole rate per network, then per kind. IRC carries most (a line costs the
 * server nothing); Synapse stores every event in its database and answers one HTTP request
 * per message, so Matrix gets a few per cent (the peers report what each network achieved).
 */
export const NETWORK_SHARE = { irc: 0.8, xmpp: 0.17, matrix: 0.03 } as const;
/** Every DIRECT_EVERY-th message of a network is a direct message, the others go to its room. */
export const DIRECT_EVERY = 5;
/** Every EXTRA_EVERY-th XMPP direct message is followed by a correction, every Matrix room message by an edit or a reaction. */
export const EXTRA_EVERY = 10;

export interface SoakPeersConfig {
  readonly seconds: number;
  /** Messages per second over all streams (edits, reactions, joins and parts not counted). */
  readonly rate: number;
  readonly irc: { readonly port: number; readonly channel: string; readonly accountNick: string };
  readonly xmpp: { readonly port: number; readonly user: string; readonly password: string; readonly accountJid: string; readonly room: string };
  readonly matrix: { readonly baseUrl: string; readonly accessToken: string; readonly roomId: string; readonly directRoomId: string };
}

/** What the peers sent, per stream, and the extras. */
export interface SoakSent {
  readonly streams: Record<Stream, number>;
  readonly edits: number;
  readonly reactions: number;
  readonly joinsParts: number;
}

const FILLER = 'the quick brown fox jumps over the lazy dog while the server relays every line to all';

/** About 80 characters: `soak <stream> <seq> <filler>`. */
export function soakBody(stream: Stream, seq: number): string {
  const head = `soak ${stream} ${seq} `;
  return head + FILLER.slice(0, Math.max(8, 80 - head.length));
}

const BODY = /^soak ([a-z]+\.[a-z]+) (\d+) /;

export function parseSoakBody(body: string): { stream: Stream; seq: number } | undefined {
  const match = BODY.exec(body);
  const stream = STREAMS.find((s) => s === match?.[1]);
  return stream === undefined ? undefined : { stream, seq: Number(match?.[2]) };
}

/** Which sequence numbers of one stream arrived (a bitmap that grows), and how many of them twice. */
export class SeqSet {
  private bits = new Uint8Array(1024);
  private distinct = 0;
  duplicates = 0;

  add(seq: number): void {
    const byte = seq >> 3;
    if (byte >= this.bits.length) {
      const grown = new Uint8Array(Math.max(byte + 1, this.bits.length * 2));
      grown.set(this.bits);
      this.bits = grown;
    }
    const mask = 1 << (seq & 7);
    if ((this.bits[byte] ?? 0) & mask) {
      this.duplicates++;
      return;
    }
    this.bits[byte] = (this.bits[byte] ?? 0) | mask;
    this.distinct++;
  }

  get size(): number {
    return this.distinct;
  }

  /** The first `limit` numbers below `count` that did not arrive. */
  missing(count: number, limit = 5): number[] {
    const out: number[] = [];
    for (let seq = 0; seq < count && out.length < limit; seq++) if (!((this.bits[seq >> 3] ?? 0) & (1 << (seq & 7)))) out.push(seq);
    return out;
  }
}
