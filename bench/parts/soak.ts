/**
 * Part "soak" (issue 18): the headless core with three accounts (IRC on ngIRCd, XMPP on
 * Prosody, Matrix on Synapse) takes `soakSeconds` of mixed traffic from independent peers
 * (bench/receivers/soakPeers.ts): room and direct messages on every network, an IRC user
 * joining and parting each second, XMPP corrections, Matrix edits and reactions. Every few
 * seconds the core's RSS (the plugin workers are threads of its process) and its open
 * descriptors (/proc/PID/fd) are sampled. Reported: the messages stored (each numbered by
 * its sender: a missing number is a lost message; the newest of each conversation is read
 * back from the store), the RSS and descriptors at the end of the warm-up (the first sixth)
 * against the end.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import { createPublicRoom, registerTestUser } from '../../test/servers/synapse/fixtures.js';
import { repoRoot } from '../../test/support/paths.js';
import { spawnLines, type LineChild } from '../lib/child.js';
import type { BenchContext } from '../lib/context.js';
import { sampleProcess } from '../lib/proc.js';
import { SeqSet, STREAMS, parseSoakBody, type SoakPeersConfig, type SoakSent, type Stream } from '../lib/soakTraffic.js';
import { fmt, median, nowMs, sleep, until } from '../lib/stats.js';
import { startCore, type BenchCore } from '../lib/switchboard.js';
import { startThreeServers, type ThreeServers } from '../lib/threeServers.js';
import type { Report } from './memoryBreakdown.js';
import { addSoakMemory, soakMemoryEnv, takeReport } from './soakMemory.js';

const PART = 'soak';
const CHANNEL = '#soak';
const ACCOUNT_NICK = 'soaker';

interface Sample {
  /** Seconds since the traffic started. */
  readonly t: number;
  readonly rssMiB: number;
  readonly fds: number;
  readonly stored: number;
  /** Taken while the peers were sending (the last sample, after they stopped, is not). */
  readonly traffic: boolean;
}

function openDescriptors(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return Number.NaN;
  }
}

/** What the core stored, counted from its bridge: every `message.added` with a soak body, by stream. */
function countStored(core: BenchCore): { seqs: Record<Stream, SeqSet>; conversations: Map<Stream, number>; total: () => number; updates: () => number; stop: () => void } {
  const seqs = Object.fromEntries(STREAMS.map((s) => [s, new SeqSet()])) as Record<Stream, SeqSet>;
  const conversations = new Map<Stream, number>();
  let total = 0;
  let updates = 0;
  const stop = core.bridge.on((event: BridgeEvent) => {
    if (event.type === 'message.updated') updates++;
    if (event.type !== 'message.added') return;
    const parsed = parseSoakBody(event.payload.message.body);
    if (!parsed) return;
    seqs[parsed.stream].add(parsed.seq);
    conversations.set(parsed.stream, event.payload.message.conversationId);
    total++;
  });
  return { seqs, conversations, total: () => total, updates: () => updates, stop };
}

/** Sets up both sides: the peers in their rooms, the core's three accounts in the same rooms. */
async function connect(servers: ThreeServers, core: BenchCore, ctx: BenchContext, seconds: number): Promise<LineChild> {
  const { irc, xmpp, matrix } = servers;
  await Promise.all([xmpp.register('soak', 'soak-password'), xmpp.register('soakpeer', 'soakpeer-password')]);
  const account = await registerTestUser(matrix, 'soak');
  const peer = await registerTestUser(matrix, 'soakpeer');
  const room = await createPublicRoom(matrix, peer, `soak${process.pid}`);
  const direct = await matrix.request('POST', '/_matrix/client/v3/createRoom', peer.accessToken,
    { preset: 'trusted_private_chat', is_direct: true, invite: [account.userId] }) as { room_id: string };
  const xmppRoom = `soak@${xmpp.mucDomain}`;
  const config: SoakPeersConfig = {
    seconds, rate: ctx.sizes.soakRate,
    irc: { port: irc.port, channel: CHANNEL, accountNick: ACCOUNT_NICK },
    xmpp: { port: xmpp.c2sPort, user: 'soakpeer', password: 'soakpeer-password', accountJid: 'soak@localhost', room: xmppRoom },
    matrix: { baseUrl: matrix.baseUrl, accessToken: peer.accessToken, roomId: room.roomId, directRoomId: direct.room_id },
  };
  const peers = spawnLines(process.execPath, [join(repoRoot, 'dist', 'bench', 'receivers', 'soakPeers.js'), JSON.stringify(config)],
    { env: { ...process.env, NODE_TLS_REJECT_UNAUTHORIZED: '0' } });
  await peers.waitFor(/^READY/, 120_000, 'the soak peers in their rooms');

  const online = new Map<string, string>();
  const joined = new Set<string>();
  const stop = core.bridge.on((event: BridgeEvent) => {
    if (event.type === 'account.changed') online.set(event.payload.account.id, event.payload.account.state);
    if (event.type === 'conversation.changed' && event.payload.conversation.joined) joined.add(event.payload.conversation.networkId);
  });
  try {
    const add = async (pluginId: string, settings: Record<string, string | number | boolean>): Promise<string> =>
      (await core.bridge.client.request('accounts.add', { pluginId, settings })).id;
    const ids = {
      irc: await add('irc', { server: '127.0.0.1', port: irc.port, tls: false, nick: ACCOUNT_NICK, autojoin: CHANNEL }),
      xmpp: await add('xmpp', { jid: 'soak@localhost', password: 'soak-password', server: '127.0.0.1', port: xmpp.c2sPort, security: 'starttls', trustedFingerprint: xmpp.certificateFingerprint256 }),
      matrix: await add('matrix', account.settings),
    };
    await until('three accounts online', () => (Object.values(ids).every((id) => online.get(id) === 'online') ? true : undefined), 120_000, 100);
    await core.bridge.client.request('conversations.joinRoom', { accountId: ids.xmpp, room: xmppRoom });
    await core.bridge.client.request('conversations.joinRoom', { accountId: ids.matrix, room: room.alias });
    await peers.waitFor(new RegExp(`^JOIN ${ACCOUNT_NICK}$`), 60_000, 'the IRC account in the channel');
    await until('the XMPP room joined', () => (joined.has(xmppRoom) ? true : undefined), 60_000, 100);
    // The homeserver's word that the account is in both rooms (the direct one by its invite accepted).
    for (const roomId of [room.roomId, direct.room_id]) {
      await until(`the Matrix account in ${roomId}`, async () => {
        const members = await matrix.request('GET', `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/joined_members`, peer.accessToken) as { joined: Record<string, unknown> };
        return account.userId in members.joined ? true : undefined;
      }, 60_000, 200);
    }
  } finally {
    stop();
  }
  return peers;
}

/** Median RSS of the samples within `window` seconds of `t`. */
function rssAround(samples: readonly Sample[], t: number, window: number): number {
  return median(samples.filter((s) => Math.abs(s.t - t) <= window).map((s) => s.rssMiB));
}

/**
 * Median descriptors of the samples within `window` seconds of `t`: a socket that lives for a
 * moment (an HTTP request of the Matrix SDK) is not growth.
 */
function fdsAround(samples: readonly Sample[], t: number, window: number): number {
  return median(samples.filter((s) => Math.abs(s.t - t) <= window).map((s) => s.fds));
}

export async function runSoak(ctx: BenchContext): Promise<void> {
  const { soakRate: rate, soakSampleSeconds: every } = ctx.sizes;
  // BENCH_SOAK_SECONDS runs the soak for another duration at this size's rate (a trial of the full run's figures).
  const seconds = Number(process.env['BENCH_SOAK_SECONDS'] ?? ctx.sizes.soakSeconds) || ctx.sizes.soakSeconds;
  // Prosody's file storage keeps at most 10,000 archived messages per room or user; past that it
  // rewrites the whole archive file for every message (mod_muc_mam "over quota, truncating
  // archive") and falls minutes behind. A soak sends far more: the limit is lifted.
  const servers = await startThreeServers({ extraConfig: ['storage_archive_item_limit = 100000000'] });
  try {
    const core = await startCore(undefined, false, soakMemoryEnv(ctx));
    try {
      const stored = countStored(core);
      const peers = await connect(servers, core, ctx, seconds);
      try {
        await sleep(500);
        const samples: Sample[] = [];
        const started = nowMs();
        const sample = (traffic = true): void => {
          const s = sampleProcess(core.pid);
          samples.push({ t: (nowMs() - started) / 1000, rssMiB: s?.rssMiB ?? Number.NaN, fds: openDescriptors(core.pid), stored: stored.total(), traffic });
        };
        sample();
        const sampler = setInterval(sample, every * 1000);
        const logger = setInterval(() => {
          const last = samples.at(-1);
          const byNetwork = ['irc', 'xmpp', 'matrix'].map((n) => `${n} ${STREAMS.filter((s) => s.startsWith(n)).reduce((sum, s) => sum + stored.seqs[s].size, 0)}`).join(', ');
          if (last) ctx.log(`soak: ${last.t.toFixed(0)} s, ${last.stored.toLocaleString('en-US')} stored (${byNetwork}), core RSS ${last.rssMiB.toFixed(0)} MiB, ${last.fds} descriptors`);
        }, Math.max(10_000, seconds * 1000 / 12));
        peers.child.stdin?.write('GO\n');
        const warmup = seconds / 6;
        const report = (): Promise<Report | undefined> => takeReport(core).catch((error: unknown) => {
          ctx.log(`soak: no memory report: ${error instanceof Error ? error.message : String(error)}`);
          return undefined;
        });
        const warmReport = sleep(warmup * 1000).then(report);
        let sent: SoakSent;
        try {
          sent = JSON.parse((await peers.waitFor(/^DONE (.+)$/, (seconds + 120) * 1000, 'the soak peers finishing'))[1] ?? '{}') as SoakSent;
          sample(false);
        } finally {
          clearInterval(sampler);
          clearInterval(logger);
        }
        const trafficSeconds = (nowMs() - started) / 1000;
        const endReport = await report();
        const expected = STREAMS.reduce((sum, s) => sum + sent.streams[s], 0);
        // What is still on its way (a server's backlog, Synapse's sync, a worker's last batch) arrives;
        // what has not once nothing more arrived for 15 s is lost.
        let lastTotal = -1;
        let lastChange = nowMs();
        await until('every message stored', () => {
          if (stored.total() !== lastTotal) [lastTotal, lastChange] = [stored.total(), nowMs()];
          return stored.total() >= expected || nowMs() - lastChange > 15_000 ? true : undefined;
        }, (seconds + 60) * 1000, 100).catch(() => undefined);
        const drainSeconds = (nowMs() - started) / 1000 - trafficSeconds;
        stored.stop();
        const lost = STREAMS.map((s) => ({ stream: s, lost: sent.streams[s] - stored.seqs[s].size, first: stored.seqs[s].missing(sent.streams[s]) }));
        const lostTotal = lost.reduce((sum, l) => sum + Math.max(0, l.lost), 0);
        const duplicates = STREAMS.reduce((sum, s) => sum + stored.seqs[s].duplicates, 0);
        const readBack = await readBackNewest(core, stored.conversations, sent);

        const window = Math.max(every * 1.5, seconds / 60);
        const rssWarm = rssAround(samples, warmup, window);
        // The end is the last samples under load: once the peers stop, a collection may shrink the heaps at once.
        const underLoad = samples.filter((s) => s.traffic);
        const rssEnd = rssAround(underLoad, underLoad.at(-1)?.t ?? trafficSeconds, window);
        const fdsWarm = fdsAround(samples, warmup, window);
        const fdsEnd = fdsAround(underLoad, underLoad.at(-1)?.t ?? trafficSeconds, window);
        const peak = sampleProcess(core.pid)?.peakRssMiB ?? Number.NaN;
        const perNetwork = (network: string): number => STREAMS.filter((s) => s.startsWith(network)).reduce((sum, s) => sum + stored.seqs[s].size, 0);
        const storedTotal = STREAMS.reduce((sum, s) => sum + stored.seqs[s].size, 0);
        const label = `${seconds >= 120 ? `${fmt(seconds / 60, 0)} min` : `${fmt(seconds, 0)} s`} of mixed traffic on three networks (IRC, XMPP, Matrix)`;
        ctx.add({ part: PART, label: `${label}: messages stored`, value: storedTotal, unit: 'messages',
          note: `${fmt(expected / trafficSeconds)} msg/s achieved of ${rate} asked (${fmt(rate * seconds)} at that rate); IRC ${perNetwork('irc').toLocaleString('en-US')}, XMPP ${perNetwork('xmpp').toLocaleString('en-US')}, Matrix ${perNetwork('matrix').toLocaleString('en-US')}; plus ${sent.edits} edits, ${sent.reactions} reactions, ${sent.joinsParts} joins and parts; ${stored.updates().toLocaleString('en-US')} message updates on the bridge; newest of each conversation read back from the store: ${readBack}` });
        ctx.add({ part: PART, label: `${label}: messages lost`, value: lostTotal, unit: 'messages', target: { text: 'none', limit: 0, better: 'lower' },
          note: `${expected.toLocaleString('en-US')} sent, ${duplicates} stored twice; the last stored ${fmt(drainSeconds)} s after the peers stopped${lostTotal > 0 ? `; missing: ${lost.filter((l) => l.lost > 0).map((l) => `${l.stream} ${l.lost} (first ${l.first.join(', ')})`).join('; ')}` : ''}` });
        ctx.add({ part: PART, label: `${label}: core RSS growth after the warm-up (first sixth)`, value: ((rssEnd - rssWarm) / rssWarm) * 100, unit: '%', target: { text: '≤ 10 %', limit: 10, better: 'lower' },
          note: `${fmt(rssWarm)} MiB at ${fmt(warmup)} s, ${fmt(rssEnd)} MiB at the end of the traffic (medians of the samples within ${fmt(window)} s); ${fmt(samples.at(-1)?.rssMiB ?? Number.NaN)} MiB once the peers stopped; peak ${fmt(peak)} MiB; plugin workers included (threads of the core)` });
        ctx.add({ part: PART, label: `${label}: open descriptors growth after the warm-up`, value: fdsEnd - fdsWarm, unit: 'descriptors', target: { text: '0', limit: 0, better: 'lower' },
          note: `${fdsWarm} at ${fmt(warmup)} s, ${fdsEnd} at the end (medians, as for the RSS); highest ${Math.max(...samples.map((s) => s.fds))}` });
        const warm = await warmReport;
        if (warm && endReport) addSoakMemory(ctx, PART, label, warm, endReport);
        ctx.detail(PART, 'run', { seconds, rate, trafficSeconds, sent, lost, duplicates, samples });
      } finally {
        await peers.stop();
      }
    } finally {
      await core.stop();
    }
  } finally {
    await servers.stop();
  }
}

/** Reads the newest messages of each conversation back from the store and checks that the last one sent is there. */
async function readBackNewest(core: BenchCore, conversations: ReadonlyMap<Stream, number>, sent: SoakSent): Promise<string> {
  const wrong: string[] = [];
  for (const stream of STREAMS) {
    if (sent.streams[stream] === 0) continue;
    const conversationId = conversations.get(stream);
    if (conversationId === undefined) {
      wrong.push(`${stream} has no conversation`);
      continue;
    }
    const page = await core.bridge.client.request('messages.list', { conversationId, limit: 20 });
    const newest = Math.max(-1, ...page.map((m) => parseSoakBody(m.body)).filter((p) => p?.stream === stream).map((p) => p?.seq ?? -1));
    if (newest !== sent.streams[stream] - 1) wrong.push(`${stream} newest ${newest} of ${sent.streams[stream] - 1}`);
  }
  return wrong.length === 0 ? 'all there' : wrong.join(', ');
}
