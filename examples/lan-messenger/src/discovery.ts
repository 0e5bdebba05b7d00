/**
 * Link-local presence over DNS-SD (RFC 6763) on multicast DNS (RFC 6762), as XEP-0174 §3
 * describes it: each user is a `_presence._tcp` service instance named `user@machine`,
 * whose SRV record gives the host and port of its XML stream listener, whose TXT record
 * holds its names and presence, and whose host's A records give its addresses.
 *
 * This module announces the user's own instance, answers queries for it, browses for the
 * others and tells the connection who is there, who changed and who went away.
 */
import { networkInterfaces } from 'node:os';
import makeMdns from 'multicast-dns';
import type { Answer } from 'dns-packet';
import { decodeTxt, encodeTxt, type TxtFields } from './txt.js';

export const SERVICE = '_presence._tcp.local';
/**
 * Every record's TTL in seconds. RFC 6762 §10 suggests 120 s for host records and 75 min for
 * the others; 120 s for all means a peer that vanished without its goodbye (a crash, a cable
 * pulled) leaves the buddy list within two minutes.
 */
const TTL = 120;
/** RFC 6762 §5.2: a querier asks again at 80 % of a record's TTL; we drop it at 100 %. */
const REFRESH_AT = 0.8;

export interface LinkLocalPeer {
  /** The instance name, `user@machine` (XEP-0174 §3.1.1), used as the contact id. */
  readonly id: string;
  readonly port: number;
  readonly addresses: readonly string[];
  readonly txt: TxtFields;
}

export interface DiscoveryEvents {
  peerSeen(peer: LinkLocalPeer): void;
  peerGone(id: string): void;
  warning(message: string): void;
}

export interface OwnService {
  /** `user@machine`, a single DNS label (no dots). */
  readonly instance: string;
  /** The host name the SRV record points to (its own label under `.local`). */
  readonly host: string;
  readonly port: number;
  txt: TxtFields;
}

interface Known {
  port?: number;
  target?: string;
  txt?: TxtFields;
  expiry?: ReturnType<typeof setTimeout>;
  refresh?: ReturnType<typeof setTimeout>;
  /** What was last told to the connection, to tell only changes. */
  told?: string;
  asked?: boolean;
}

export function instanceFullName(instance: string): string {
  return `${instance}.${SERVICE}`;
}

/** The IPv4 addresses others can reach this machine at: its real interfaces', else loopback's. */
export function ownAddresses(): string[] {
  const all = Object.values(networkInterfaces()).flatMap((list) => list ?? []).filter((info) => info.family === 'IPv4');
  const outside = all.filter((info) => !info.internal).map((info) => info.address);
  return outside.length > 0 ? outside : all.map((info) => info.address);
}

export class LinkLocalDiscovery {
  private readonly mdns: makeMdns.MulticastDNS;
  private readonly known = new Map<string, Known>();
  private readonly hosts = new Map<string, string[]>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly finders = new Set<() => void>();
  private closed = false;

  private constructor(private readonly own: OwnService, private readonly events: DiscoveryEvents) {
    this.mdns = makeMdns();
    this.mdns.on('warning', (error: Error) => events.warning(`mDNS: ${error.message}`));
    this.mdns.on('query', (query) => this.answer(query.questions ?? []));
    this.mdns.on('response', (response) => this.learn([...(response.answers ?? []), ...(response.additionals ?? [])]));
  }

  /** Binds UDP 5353 (shared with other responders on the machine), announces, and starts browsing. */
  static async start(own: OwnService, events: DiscoveryEvents): Promise<LinkLocalDiscovery> {
    const discovery = new LinkLocalDiscovery(own, events);
    await new Promise<void>((resolve, reject) => {
      discovery.mdns.once('ready', () => resolve());
      discovery.mdns.once('error', (error: Error) => reject(error));
    });
    discovery.announce();
    discovery.browse();
    return discovery;
  }

  /** The addresses a peer announced, to check a stream's source against (XEP-0174 §5). */
  addressesOf(id: string): readonly string[] {
    const target = this.known.get(id)?.target;
    return target ? this.hosts.get(target) ?? [] : [];
  }

  peer(id: string): LinkLocalPeer | undefined {
    const known = this.known.get(id);
    const addresses = this.addressesOf(id);
    if (known?.port === undefined || known.txt === undefined || addresses.length === 0) return undefined;
    return { id, port: known.port, addresses, txt: known.txt };
  }

  /** The peer with this id: at once when known, else after asking the network for it, else undefined after `timeoutMs`. */
  find(id: string, timeoutMs: number): Promise<LinkLocalPeer | undefined> {
    const now = this.peer(id);
    if (now) return Promise.resolve(now);
    this.mdns.query({ questions: [{ name: instanceFullName(id), type: 'SRV' }, { name: instanceFullName(id), type: 'TXT' }] });
    return new Promise((resolve) => {
      const done = (peer: LinkLocalPeer | undefined): void => {
        clearTimeout(timer);
        this.finders.delete(check);
        resolve(peer);
      };
      const check = (): void => {
        const found = this.peer(id);
        if (found) done(found);
      };
      const timer = setTimeout(() => done(undefined), timeoutMs);
      this.finders.add(check);
    });
  }

  /** A changed presence: the TXT record is sent again (RFC 6762 §8.4, "Updating"). */
  updateTxt(txt: TxtFields): void {
    this.own.txt = txt;
    this.mdns.respond({ answers: [this.txtRecord(TTL)] });
  }

  /** Sends the goodbye (every record with TTL 0, RFC 6762 §10.1) and closes the socket. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    for (const known of this.known.values()) this.forget(known);
    await new Promise<void>((resolve) => this.mdns.respond({ answers: this.ownRecords(0) }, () => resolve()));
    await new Promise<void>((resolve) => this.mdns.destroy(() => resolve()));
  }

  /** RFC 6762 §8.3: the first announcement is sent twice, one second apart. */
  private announce(): void {
    this.mdns.respond({ answers: this.ownRecords(TTL) });
    this.later(1000, () => this.mdns.respond({ answers: this.ownRecords(TTL) }));
  }

  /** RFC 6762 §5.2: continuous querying, the interval at least doubling (here 0 s, 1 s, 3 s). */
  private browse(): void {
    const ask = (): void => this.mdns.query({ questions: [{ name: SERVICE, type: 'PTR' }] });
    ask();
    this.later(1000, ask);
    this.later(3000, ask);
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closed) run();
    }, ms);
    this.timers.add(timer);
  }

  private ownRecords(ttl: number): Answer[] {
    const name = instanceFullName(this.own.instance);
    return [
      { name: SERVICE, type: 'PTR', ttl, data: name },
      { name, type: 'SRV', ttl, data: { port: this.own.port, target: this.own.host } },
      this.txtRecord(ttl),
      ...ownAddresses().map((address): Answer => ({ name: this.own.host, type: 'A', ttl, data: address })),
    ];
  }

  private txtRecord(ttl: number): Answer {
    return { name: instanceFullName(this.own.instance), type: 'TXT', ttl, data: encodeTxt(this.own.txt) };
  }

  /** Answers questions about the presence service, this instance or its host (RFC 6762 §6). */
  private answer(questions: readonly { readonly name: string; readonly type: string }[]): void {
    const records = this.ownRecords(TTL);
    const [ptr, srv, txt, ...addresses] = records;
    const fullName = instanceFullName(this.own.instance).toLowerCase();
    const answers = new Set<Answer>();
    for (const question of questions) {
      const name = question.name.toLowerCase();
      const any = question.type === 'ANY';
      if (name === SERVICE && (any || question.type === 'PTR') && ptr) answers.add(ptr);
      if (name === fullName && (any || question.type === 'SRV') && srv) answers.add(srv);
      if (name === fullName && (any || question.type === 'TXT') && txt) answers.add(txt);
      if (name === this.own.host.toLowerCase() && (any || question.type === 'A')) for (const a of addresses) answers.add(a);
    }
    if (answers.size === 0) return;
    // The rest of the instance's records ride along as additional records (RFC 6763 §12.1).
    const additionals = records.filter((record) => !answers.has(record) && record !== ptr);
    this.mdns.respond({ answers: [...answers], additionals });
  }

  /** Takes in every record of a response: PTR, SRV, TXT and A, in whatever order and packet they come. */
  private learn(records: readonly Answer[]): void {
    const touched = new Set<string>();
    for (const record of records) {
      const name = record.name.toLowerCase();
      if (record.type === 'PTR' && name === SERVICE && typeof record.data === 'string') {
        const id = instanceOf(record.data);
        if (id === undefined || id === this.own.instance) continue;
        if (record.ttl === 0) this.gone(id);
        else {
          this.keep(id, record.ttl ?? TTL);
          touched.add(id);
        }
      } else if (record.type === 'SRV' || record.type === 'TXT') {
        const id = instanceOf(record.name);
        if (id === undefined || id === this.own.instance) continue;
        if (record.ttl === 0) {
          this.gone(id);
          continue;
        }
        const known = this.known.get(id) ?? {};
        this.known.set(id, known);
        if (record.type === 'SRV') {
          known.port = record.data.port;
          known.target = record.data.target.toLowerCase();
        } else {
          known.txt = decodeTxt(record.data);
        }
        touched.add(id);
      } else if (record.type === 'A' && typeof record.data === 'string') {
        const addresses = this.hosts.get(name) ?? [];
        if (record.ttl === 0) this.hosts.set(name, addresses.filter((address) => address !== record.data));
        else if (!addresses.includes(record.data)) this.hosts.set(name, [...addresses, record.data]);
        for (const [id, known] of this.known) if (known.target === name) touched.add(id);
      }
    }
    for (const id of touched) this.tell(id);
    for (const check of [...this.finders]) check();
  }

  /** (Re)starts a peer's TTL: asked about again at 80 %, gone at 100 % without an answer. */
  private keep(id: string, ttlSeconds: number): void {
    const known = this.known.get(id) ?? {};
    this.known.set(id, known);
    this.forget(known);
    known.refresh = setTimeout(() => this.mdns.query({ questions: [{ name: instanceFullName(id), type: 'SRV' }, { name: SERVICE, type: 'PTR' }] }), ttlSeconds * 1000 * REFRESH_AT);
    known.expiry = setTimeout(() => this.gone(id), ttlSeconds * 1000);
  }

  private forget(known: Known): void {
    if (known.refresh) clearTimeout(known.refresh);
    if (known.expiry) clearTimeout(known.expiry);
  }

  private gone(id: string): void {
    const known = this.known.get(id);
    if (!known) return;
    this.forget(known);
    this.known.delete(id);
    if (known.told !== undefined) this.events.peerGone(id);
  }

  /** Tells the connection about a peer once all its records are in; asks for the missing ones once. */
  private tell(id: string): void {
    const known = this.known.get(id);
    if (!known) return;
    const peer = this.peer(id);
    if (!peer) {
      if (known.asked) return;
      known.asked = true;
      const questions: { name: string; type: 'SRV' | 'TXT' | 'A' }[] = [
        { name: instanceFullName(id), type: 'SRV' }, { name: instanceFullName(id), type: 'TXT' },
      ];
      if (known.target) questions.push({ name: known.target, type: 'A' });
      this.mdns.query({ questions });
      return;
    }
    if (known.expiry === undefined) this.keep(id, TTL);
    const told = JSON.stringify(peer);
    if (told === known.told) return;
    known.told = told;
    this.events.peerSeen(peer);
  }
}

/** `juliet@pronto._presence._tcp.local` → `juliet@pronto`; undefined for another service's name. */
function instanceOf(fullName: string): string | undefined {
  const lower = fullName.toLowerCase();
  const suffix = `.${SERVICE}`;
  if (!lower.endsWith(suffix)) return undefined;
  const instance = fullName.slice(0, -suffix.length);
  return instance.length > 0 ? instance : undefined;
}
