/**
 * The LAN plugin (examples/lan-messenger, XEP-0174 serverless messaging) as a third party's
 * plugin: built against the packed SDK in a temporary folder, checked with
 * `switchboard-plugin-check`, packed with `npm pack`, installed into two Switchboards through
 * the installer, and run in the sandbox (a process of its own under Node's permission model).
 *
 * Nothing here touches the machine's real network: the kit runs in `unshare --net` with
 * loopback only, and the chat runs on a private Ethernet of network namespaces
 * (test/support/privateLan.ts): each Switchboard's plugin process on a host of its own, and
 * an independent XEP-0174 peer (python-zeroconf and a raw-socket XML stream,
 * test/fixtures/lan/xep0174_peer.py) on a third.
 */
import { execFile, execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import { hostInstalledPluginDirs } from '../../electron/core/hostStartup.js';
import { startProcessRuntime } from '../../electron/core/plugins/runtime/processRuntime.js';
import { startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';
import { buildLanPlugin, type BuiltLanPlugin } from '../support/lanPlugin.js';
import { repoRoot } from '../support/paths.js';
import { createPrivateLan, nodeOnHost, privateLanUnavailable, type LanHost, type PrivateLan } from '../support/privateLan.js';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
const PEER = join(repoRoot, 'test', 'fixtures', 'lan', 'xep0174_peer.py');
const LAN_ID = 'org.example.lan';

let work = '';
let built: BuiltLanPlugin | undefined;
let lan: PrivateLan | undefined;
const cores: InProcessCore[] = [];
let peer: ChildProcessWithoutNullStreams | undefined;

beforeAll(async () => {
  const missing = privateLanUnavailable();
  if (missing) throw new Error(`The LAN plugin's tests run on a private network of namespaces, which cannot be made here: ${missing}.`);
  try {
    execFileSync(PYTHON, ['-c', 'import zeroconf'], { stdio: 'ignore' });
  } catch {
    throw new Error('The independent XEP-0174 peer needs python-zeroconf: apt-get install python3-zeroconf (.ci/run installs it).');
  }
  work = mkdtempSync(join(tmpdir(), 'switchboard-lan-'));
  built = await buildLanPlugin(work);
  lan = createPrivateLan(3);
}, 400_000);

afterAll(async () => {
  peer?.kill('SIGKILL');
  await Promise.all(cores.splice(0).map((core) => core.close()));
  lan?.remove();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A Switchboard whose sandboxed plugins run on `host` of the private LAN, with the LAN plugin installed through the installer. */
async function switchboardOn(host: LanHost): Promise<InProcessCore> {
  if (!built) throw new Error('the plugin was not built');
  const profile = mkdtempSync(join(work, 'profile-'));
  const execPath = nodeOnHost(host, work);
  const core = await startInProcessCore([], profile, { heartbeatIntervalMs: 500 }, {
    installedPluginDirs: hostInstalledPluginDirs(profile),
    spawnSandboxed: (spec, grant) => startProcessRuntime(spec, grant, { execPath }),
  });
  cores.push(core);
  const preview = await core.client.request('plugins.inspectInstall', {
    source: { kind: 'tarball', name: 'switchboard-lan-1.0.0.tgz', dataBase64: built.tarball.toString('base64') },
  });
  expect(preview).toMatchObject({ id: LAN_ID, name: 'LAN (link-local)', version: '1.0.0', author: 'The Switchboard examples' });
  expect(preview.capabilities).toEqual(expect.arrayContaining(['directMessages', 'contactList', 'presence']));
  await core.client.request('plugins.confirmInstall', { token: preview.token });
  return core;
}

async function addAccount(core: InProcessCore, name: string, nick: string): Promise<string> {
  const account = await core.client.request('accounts.add', { pluginId: LAN_ID, settings: { name, nick } });
  await core.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === account.id && e.payload.account.state === 'online', 30_000);
  return account.id;
}

type EventOf<N extends BridgeEvent['type']> = Extract<BridgeEvent, { type: N }>;
type ContactChanged = EventOf<'contact.changed'>;
const contactNamed = (prefix: string, match: (e: ContactChanged) => boolean = () => true) => (e: BridgeEvent): e is ContactChanged =>
  e.type === 'contact.changed' && e.payload.contact.id.startsWith(`${prefix}@`) && match(e);
const messageSaying = (body: string) => (e: BridgeEvent): e is EventOf<'message.added'> =>
  e.type === 'message.added' && e.payload.message.body === body;

/** The independent peer's lines, and a wait for one that matches. */
function startPeer(host: LanHost): { lines: string[]; waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<string>; send: (line: string) => void } {
  const [command, ...prefix] = host.exec;
  if (command === undefined) throw new Error('no command to run on the host');
  const child = spawn(command, [...prefix, PYTHON, PEER, '--name', 'carol', '--host', 'pyhost', '--address', host.address, '--nick', 'Carol', '--status', 'dnd', '--msg', 'In a meeting']);
  peer = child;
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  createInterface({ input: child.stdout }).on('line', (line) => {
    console.log(`[xep0174 peer] ${line}`);
    lines.push(line);
    for (const wake of [...waiters]) wake();
  });
  child.stderr.on('data', (chunk: Buffer) => console.log(`[xep0174 peer stderr] ${chunk.toString().trim()}`));
  const waitFor = (pattern: RegExp, timeoutMs = 20_000): Promise<string> => new Promise((resolve, reject) => {
    const check = (): boolean => {
      const found = lines.find((line) => pattern.test(line));
      if (found === undefined) return false;
      waiters.delete(wake);
      clearTimeout(timer);
      resolve(found);
      return true;
    };
    const wake = (): void => void check();
    const timer = setTimeout(() => {
      waiters.delete(wake);
      reject(new Error(`the XEP-0174 peer never printed ${String(pattern)}; it printed:\n${lines.join('\n')}`));
    }, timeoutMs);
    if (!check()) waiters.add(wake);
  });
  return { lines, waitFor, send: (line) => child.stdin.write(`${line}\n`) };
}

describe('the LAN plugin (XEP-0174), a third party\'s plugin built against the SDK package', () => {
  it('passes switchboard-plugin-check where its scenarios apply (in a network namespace with loopback only)', async () => {
    if (!built) throw new Error('the plugin was not built');
    const cli = join(built.dir, 'node_modules', 'switchboard-plugin-sdk', 'dist', 'check', 'cli.js');
    const script = `ip link set lo up && ip route add 224.0.0.0/4 dev lo && exec "${process.execPath}" "${cli}" . --harness harness.mjs`;
    const { stdout } = await run('unshare', ['--net', 'sh', '-c', script], { cwd: built.dir, timeout: 120_000 });
    console.log(stdout);
    expect(stdout).toMatch(/^pass\s+logs in: connect resolves/m);
    expect(stdout).toMatch(/^pass\s+direct messages both ways/m);
    expect(stdout).toMatch(/^pass\s+disconnects cleanly after a session/m);
    expect(stdout).toMatch(/^n\/a\s+bad credentials: .+a network without logins/m);
    expect(stdout).toMatch(/^n\/a\s+unreachable host: .+a network without a server/m);
    expect(stdout).toMatch(/^n\/a\s+rooms: .+the plugin declares no rooms/m);
    expect(stdout).toContain('5 passed, 0 failed, 3 not applicable');
  }, 150_000);

  it('two Switchboards and an independent XEP-0174 peer find each other, show presence, chat both ways, and see who leaves', async () => {
    if (!lan) throw new Error('no private LAN');
    const [hostA, hostB, hostC] = lan.hosts;
    if (!hostA || !hostB || !hostC) throw new Error('the private LAN has too few hosts');
    const a = await switchboardOn(hostA);
    const b = await switchboardOn(hostB);
    expect((await a.client.request('plugins.overview', {})).find((plugin) => plugin.id === LAN_ID))
      .toMatchObject({ source: 'installed', runtime: 'process', installedFrom: 'file switchboard-lan-1.0.0.tgz' });

    const alice = await addAccount(a, 'alice', 'Alice');
    const bob = await addAccount(b, 'bob', 'Bob');
    const carol = startPeer(hostC);
    await carol.waitFor(/^READY carol@pyhost$/);

    // Buddies appear as they announce themselves, with their names and presence from TXT.
    const bobAtA = await a.waitForEvent(contactNamed('bob'), 20_000);
    expect(bobAtA.payload.contact).toMatchObject({ accountId: alice, displayName: 'Bob', presence: { status: 'available' } });
    const carolAtA = await a.waitForEvent(contactNamed('carol', (e) => e.payload.contact.id === 'carol@pyhost'), 20_000);
    expect(carolAtA.payload.contact).toMatchObject({ displayName: 'Carol', presence: { status: 'busy', message: 'In a meeting' } });
    const aliceAtB = await b.waitForEvent(contactNamed('alice'), 20_000);
    expect(aliceAtB.payload.contact).toMatchObject({ accountId: bob, displayName: 'Alice' });
    const aliceId = aliceAtB.payload.contact.id;
    const bobId = bobAtA.payload.contact.id;
    await carol.waitFor(new RegExp(`^SEEN ${aliceId} avail$`));
    await carol.waitFor(new RegExp(`^SEEN ${bobId} avail$`));

    // Bob goes away with a message: his TXT record changes, and Alice's buddy list follows.
    await b.client.request('status.set', { status: 'away', message: 'Back soon' });
    await a.waitForEvent(contactNamed('bob', (e) => e.payload.contact.presence.status === 'away' && e.payload.contact.presence.message === 'Back soon'), 20_000);
    await carol.waitFor(new RegExp(`^SEEN ${bobId} away$`));

    // One-to-one messages both ways between the two Switchboards.
    const toBob = await a.client.request('conversations.openDirect', { accountId: alice, contactId: bobId });
    await a.client.request('messages.send', { conversationId: toBob.id, body: 'hello Bob <&> 😀' });
    const atBob = await b.waitForEvent(messageSaying('hello Bob <&> 😀'), 20_000);
    expect(atBob.payload.message).toMatchObject({ senderId: aliceId, senderName: 'Alice' });
    await b.client.request('messages.send', { conversationId: atBob.payload.message.conversationId, body: 'hi Alice' });
    const atAlice = await a.waitForEvent(messageSaying('hi Alice'), 20_000);
    expect(atAlice.payload.message).toMatchObject({ senderId: bobId, conversationId: toBob.id });

    // And with the independent peer: its stream to Alice, and Alice's answer.
    carol.send(`send ${aliceId} hello from python`);
    const fromCarol = await a.waitForEvent(messageSaying('hello from python'), 20_000);
    expect(fromCarol.payload.message).toMatchObject({ senderId: 'carol@pyhost', senderName: 'Carol' });
    await a.client.request('messages.send', { conversationId: fromCarol.payload.message.conversationId, body: 'hello Carol' });
    await carol.waitFor(new RegExp(`^MSG ${aliceId} hello Carol$`));
    // A stream a Switchboard opens to the independent peer itself.
    const bobToCarol = await b.client.request('conversations.openDirect', { accountId: bob, contactId: 'carol@pyhost' });
    await b.client.request('messages.send', { conversationId: bobToCarol.id, body: 'Bob here' });
    await carol.waitFor(new RegExp(`^MSG ${bobId} Bob here$`));

    // Going away: the peer's goodbye, and Bob going offline, take them off the buddy lists.
    // Each core's own mark: an index into one core's events means nothing in the other's (with
    // Alice's, Bob's removal of Carol could sit below it and go unseen).
    const [quitAtA, quitAtB] = [a.mark(), b.mark()];
    carol.send('quit');
    await a.waitForEvent((e) => e.type === 'contact.removed' && e.payload.contactId === 'carol@pyhost', 20_000, quitAtA);
    await b.waitForEvent((e) => e.type === 'contact.removed' && e.payload.contactId === 'carol@pyhost', 20_000, quitAtB);
    await b.client.request('accounts.disconnect', { accountId: bob });
    await a.waitForEvent((e) => e.type === 'contact.removed' && e.payload.contactId === bobId, 20_000);
  }, 240_000);
});
