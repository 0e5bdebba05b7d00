/**
 * Part "roster": an XMPP account whose roster holds N contacts in G groups (K of them
 * online), created in Prosody by writing its internal storage files (real accounts with
 * mutual subscriptions, as perf.md says Prosody needs; one account registered with
 * prosodyctl gives the hashed-password record the others copy). Measured: login to buddy
 * list ready, for a bare @xmpp/client (roster + last presence) and for Switchboard
 * (accounts.add on the bridge to every contact and every online presence delivered as
 * `contact.changed`; then `contacts.list` must hold them all).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import { startProsody, type RunningProsody } from '../../test/servers/prosody.js';
import { connectRawXmppClient, type RawXmppClient } from '../../test/servers/prosody/rawXmppClient.js';
import { repoRoot } from '../../test/support/paths.js';
import type { BenchContext } from '../lib/context.js';
import { spawnLines } from '../lib/child.js';
import { nicks } from '../lib/corpus.js';
import { requirePackages } from '../lib/peers.js';
import { sampleProcess } from '../lib/proc.js';
import { median, nowMs, until } from '../lib/stats.js';
import { startCore, type BenchCore } from '../lib/switchboard.js';

const PART = 'roster';
export const ROSTER_USER = 'bench';
/**
 * Every login is an account's first: one account per measured login, all with the same
 * roster. (Logging the same account in again and again makes each login cost Prosody more
 * CPU than the last: 2 → 5 → 7 s here, sessions of earlier runs linger.)
 */
function loginUsers(runs: number): string[] {
  return [...Array.from({ length: 2 * runs }, (_, i) => `${ROSTER_USER}${i}`), `${ROSTER_USER}mem`];
}
const PASSWORD = 'bench-password';

export interface RosterServer {
  readonly prosody: RunningProsody;
  /** Accounts with the big roster, each to be logged in once. */
  readonly users: string[];
  readonly contacts: number;
  readonly online: number;
  stop(): Promise<void>;
}

const lua = (text: string): string => JSON.stringify(text);
const contactJid = (i: number): string => `c${String(i).padStart(5, '0')}@localhost`;

/** Prosody with the big roster, shared with the memory part (stopped at the end of the run). */
export async function rosterServer(ctx: BenchContext): Promise<RosterServer> {
  const shared = ctx.shared.get('rosterServer') as RosterServer | undefined;
  if (shared) return shared;
  const server = await startRosterServer(ctx);
  ctx.onClose(() => server.stop());
  ctx.shared.set('rosterServer', server);
  return server;
}

/** A fresh Prosody with the accounts, their big roster, and the online contacts connected. */
async function startRosterServer(ctx: BenchContext): Promise<RosterServer> {
  await requirePackages(['prosody'], ctx.log);
  const { roster: count, rosterGroups: groups, rosterOnline: online } = ctx.sizes;
  const started = nowMs();
  const prosody = await startProsody();
  const connected: RawXmppClient[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(connected.map((c) => c.close().catch(() => undefined)));
    await prosody.stop();
  };
  await prosody.register(ROSTER_USER, PASSWORD);
  const data = path.join(path.dirname(prosody.configFile), 'data', 'localhost');
  // Every contact is a real account with the same password record, and has the user in its roster.
  const record = readFileSync(path.join(data, 'accounts', `${ROSTER_USER}.dat`), 'utf8');
  mkdirSync(path.join(data, 'roster'), { recursive: true });
  const users = loginUsers(ctx.sizes.runs);
  const back = users.map((u) => `\t[${lua(`${u}@localhost`)}] = { ["subscription"] = "both"; ["groups"] = {}; };`).join('\n');
  const names = nicks(count, 5);
  const items: string[] = [];
  for (let i = 0; i < count; i++) {
    const user = contactJid(i).split('@')[0] ?? '';
    writeFileSync(path.join(data, 'accounts', `${user}.dat`), record);
    writeFileSync(path.join(data, 'roster', `${user}.dat`), `return {\n\t[false] = { ["version"] = 1; ["pending"] = {}; };\n${back}\n};\n`);
    items.push(`\t[${lua(contactJid(i))}] = { ["subscription"] = "both"; ["name"] = ${lua(names[i] ?? user)}; ["groups"] = { [${lua(`Group ${i % groups}`)}] = true; }; };`);
  }
  const roster = `return {\n\t[false] = { ["version"] = 1; ["pending"] = {}; };\n${items.join('\n')}\n};\n`;
  for (const user of users) {
    writeFileSync(path.join(data, 'accounts', `${user}.dat`), record);
    writeFileSync(path.join(data, 'roster', `${user}.dat`), roster);
  }
  for (let i = 0; i < online; i++) {
    connected.push(await connectRawXmppClient({ port: prosody.directTlsPort, user: contactJid(i).split('@')[0] ?? '', password: PASSWORD, resource: 'online' }));
  }
  ctx.detail(PART, 'setupSeconds', (nowMs() - started) / 1000);
  return { prosody, users, contacts: count, online, stop };
}

/** The bench user's XMPP account settings for Switchboard. */
function takeUser(server: RosterServer): string {
  const user = server.users.shift();
  if (user === undefined) throw new Error('no unused roster account left');
  return user;
}

export function rosterAccountSettings(server: RosterServer): Record<string, string | number | boolean> {
  return {
    jid: `${takeUser(server)}@localhost`, password: PASSWORD, server: '127.0.0.1', port: server.prosody.c2sPort, security: 'starttls',
    trustedFingerprint: server.prosody.certificateFingerprint256, resource: `sb${Math.floor(Math.random() * 1e6)}`,
  };
}

/** Adds the roster account to a running core; resolves with ms from accounts.add to every contact and presence on the bridge. */
export async function switchboardRosterLogin(core: BenchCore, server: RosterServer, timeoutMs = 120_000): Promise<{ ms: number; contacts: number; online: number; listed: number }> {
  const presence = new Map<string, string>();
  let online = 0;
  let doneAt: number | undefined;
  const stop = core.bridge.on((event: BridgeEvent) => {
    if (event.type !== 'contact.changed') return;
    const { id, presence: p } = event.payload.contact;
    const before = presence.get(id);
    presence.set(id, p.status);
    const isOn = (s: string | undefined): boolean => s !== undefined && s !== 'offline' && s !== 'unknown';
    if (isOn(p.status) && !isOn(before)) online++;
    else if (!isOn(p.status) && isOn(before)) online--;
    if (doneAt === undefined && presence.size >= server.contacts && online >= server.online) doneAt = nowMs();
  });
  const start = nowMs();
  await core.bridge.client.request('accounts.add', { pluginId: 'xmpp', settings: rosterAccountSettings(server) });
  const end = await until('the whole roster on the bridge', () => doneAt, timeoutMs, 5).catch(() => Number.NaN);
  stop();
  const listed = (await core.bridge.client.request('contacts.list', {})).length;
  return { ms: end - start, contacts: presence.size, online, listed };
}

/** The bare client; with `caps`, sending Switchboard's caps and answering the server's lookups of them. */
async function bareLogin(server: RosterServer, caps = false): Promise<{ ms: number; rosterMs: number; items: number; online: number; peakRssMiB: number }> {
  const child = spawnLines(process.execPath, [path.join(repoRoot, 'dist', 'bench', 'receivers', 'xmppRosterClient.js'),
    String(server.prosody.c2sPort), takeUser(server), PASSWORD, String(server.contacts), String(server.online), ...(caps ? ['caps'] : [])],
  { env: { ...process.env, NODE_TLS_REJECT_UNAUTHORIZED: '0', NODE_NO_WARNINGS: '1' } });
  try {
    const done = await child.waitFor(/^DONE (\S+) (\S+) (\S+) (\d+) (\d+)/, 120_000, 'the roster and presences');
    const peak = sampleProcess(child.pid)?.peakRssMiB ?? Number.NaN;
    await new Promise((resolve) => { // it closes its stream and exits by itself
      const timer = setTimeout(resolve, 5_000);
      child.child.once('exit', () => { clearTimeout(timer); resolve(undefined); });
      if (child.child.exitCode !== null) { clearTimeout(timer); resolve(undefined); }
    });
    return { ms: Number(done[3]) - Number(done[1]), rosterMs: Number(done[2]) - Number(done[1]), items: Number(done[4]), online: Number(done[5]), peakRssMiB: peak };
  } finally {
    await child.stop('SIGKILL');
  }
}

/**
 * The buddy list a user sees right after starting the app again: the core's stored contacts
 * (RFC 6121 §2.6 roster versioning keeps them current), listed before the login finishes.
 * Milliseconds from the bridge connecting to `contacts.list` holding every contact.
 */
async function cachedRosterAfterRestart(profileDir: string, contacts: number): Promise<number> {
  const core = await startCore(profileDir);
  try {
    const start = nowMs();
    const listed = async (): Promise<number | undefined> => ((await core.bridge.client.request('contacts.list', {})).length >= contacts ? nowMs() : undefined);
    let end = await listed();
    while (end === undefined && nowMs() - start < 30_000) end = await listed();
    return (end ?? Number.NaN) - start;
  } finally {
    await core.stop();
  }
}

export async function runRoster(ctx: BenchContext): Promise<void> {
  ctx.log(`roster: ${ctx.sizes.roster} contacts in ${ctx.sizes.rosterGroups} groups, ${ctx.sizes.rosterOnline} online; a fresh Prosody for every login`);
  // Each login gets a fresh server: Prosody's CPU per login of this roster grows run after
  // run on one server (2 → 5 → 7 s), which would make the order of the logins decide.
  const onFreshServer = async <T>(measure: (server: RosterServer, prosodyPid: number) => Promise<T>): Promise<T & { prosodyCpuSeconds: number }> => {
    const server = await startRosterServer(ctx);
    try {
      const pid = Number(readFileSync(path.join(path.dirname(server.prosody.configFile), 'prosody.pid'), 'utf8').trim()) || 0;
      const before = sampleProcess(pid)?.cpuSeconds ?? Number.NaN;
      const result = await measure(server, pid);
      return { ...result, prosodyCpuSeconds: (sampleProcess(pid)?.cpuSeconds ?? Number.NaN) - before };
    } finally {
      await server.stop();
    }
  };
  const bare: number[] = [];
  const bareCaps: number[] = [];
  const ours: number[] = [];
  const cached: number[] = [];
  const runs: unknown[] = [];
  for (let run = 0; run < ctx.sizes.runs; run++) {
    const b = await onFreshServer((server) => bareLogin(server).catch(async (error: unknown) => {
      ctx.log(`roster: the bare client failed (${error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error)}); once more`);
      return bareLogin(server);
    }));
    bare.push(b.ms);
    const c = await onFreshServer((server) => bareLogin(server, true).catch(async (error: unknown) => {
      ctx.log(`roster: the bare client with caps failed (${error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error)}); once more`);
      return bareLogin(server, true);
    }));
    bareCaps.push(c.ms);
    const s = await onFreshServer(async (server) => {
      const profileDir = mkdtempSync(path.join(tmpdir(), 'switchboard-bench-roster-'));
      try {
        const core = await startCore(profileDir);
        let login: Awaited<ReturnType<typeof switchboardRosterLogin>> & { peakRssMiB: number };
        try {
          login = { ...await switchboardRosterLogin(core, server), peakRssMiB: sampleProcess(core.pid)?.peakRssMiB ?? Number.NaN };
        } finally {
          await core.stop();
        }
        return { ...login, cachedMs: await cachedRosterAfterRestart(profileDir, server.contacts) };
      } finally {
        rmSync(profileDir, { recursive: true, force: true });
      }
    });
    ours.push(s.ms);
    cached.push(s.cachedMs);
    runs.push({ bare: b, bareCaps: c, switchboard: s });
    ctx.log(`roster run ${run + 1}: bare @xmpp/client ${b.ms.toFixed(0)} ms (${b.items} items, ${b.online} online; Prosody CPU ${b.prosodyCpuSeconds.toFixed(2)} s), with our caps ${c.ms.toFixed(0)} ms (Prosody CPU ${c.prosodyCpuSeconds.toFixed(2)} s), Switchboard ${s.ms.toFixed(0)} ms, cached after a restart ${s.cachedMs.toFixed(0)} ms (${s.contacts} contacts, ${s.online} online, contacts.list ${s.listed}; Prosody CPU ${s.prosodyCpuSeconds.toFixed(2)} s)`);
  }
  const n = ctx.sizes.roster.toLocaleString('en-US');
  type Run = { bare: { prosodyCpuSeconds: number }; bareCaps: { prosodyCpuSeconds: number }; switchboard: { prosodyCpuSeconds: number } };
  const cpu = (pick: (r: Run) => number): number => median((runs as Run[]).map(pick));
  ctx.add({ part: PART, label: `${n}-contact roster: bare @xmpp/client login to last presence (reference)`, value: median(bare), unit: 'ms',
    note: `median of ${bare.length}; Prosody CPU ${cpu((r) => r.bare.prosodyCpuSeconds).toFixed(2)} s per login` });
  ctx.add({ part: PART, label: `${n}-contact roster: bare @xmpp/client sending Switchboard's caps, login to last presence (second reference)`, value: median(bareCaps), unit: 'ms',
    note: `median of ${bareCaps.length}; presence with XEP-0115 caps right after the roster, answers Prosody's lookups; Prosody CPU ${cpu((r) => r.bareCaps.prosodyCpuSeconds).toFixed(2)} s per login` });
  ctx.add({ part: PART, label: `${n}-contact roster: Switchboard login to buddy list ready`, value: median(ours), unit: 'ms',
    note: `${(median(ours) / median(bare)).toFixed(2)}× the bare client without caps; Prosody CPU ${cpu((r) => r.switchboard.prosodyCpuSeconds).toFixed(2)} s per login; median of ${ours.length}` });
  ctx.add({ part: PART, label: `${n}-contact roster: Switchboard login ÷ the bare client sending the same caps`, value: median(ours) / median(bareCaps), unit: '×',
    target: { text: '≤ 1.2×', limit: 1.2, better: 'lower' }, note: `${median(ours).toFixed(0)} ms against ${median(bareCaps).toFixed(0)} ms, medians of the same run` });
  ctx.add({ part: PART, label: `${n}-contact roster: cached roster on the buddy list after a restart`, value: median(cached), unit: 'ms',
    target: { text: '≤ 300 ms', limit: 300, better: 'lower' }, note: `the same profile started again: from the bridge connecting to contacts.list holding every contact, before the server's roster answer and presences; median of ${cached.length}` });
  ctx.detail(PART, 'runs', runs);
}
