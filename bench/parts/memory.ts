/**
 * Part "memory": one headless core with everything above loaded at once: the history
 * profile (1M messages), an IRC account in the 20,000-member channel that then takes a
 * flood, and the XMPP account with the 5,000-contact roster; then the UI in Chromium with
 * the big conversation and the crowded channel open. Reported: core RSS (and peak), the
 * renderer's JS heap after GC, first paint with everything loaded, member-list DOM nodes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import { repoRoot } from '../../test/support/paths.js';
import type { BenchContext } from '../lib/context.js';
import { filterTypingLatency, loadApp, openBrowser, openConversation, rendererHeap, timelineNodes } from '../lib/browser.js';
import { spawnLines } from '../lib/child.js';
import { sampleProcess } from '../lib/proc.js';
import { nowMs, percentile, until } from '../lib/stats.js';
import { startCore, type BenchCore } from '../lib/switchboard.js';
import { copyHistoryProfile } from './history.js';
import { addMemoryBreakdown, snapshotFolder } from './memoryBreakdown.js';
import { CROWD_CHANNEL, crowdServer } from './members.js';
import { rosterServer, switchboardRosterLogin } from './roster.js';

const PART = 'memory';

export async function runMemory(ctx: BenchContext): Promise<void> {
  const dir = mkdtempSync(join(os.tmpdir(), 'switchboard-bench-memory-'));
  const profile = copyHistoryProfile(ctx, dir);
  const irc = await crowdServer(ctx);
  const xmpp = await rosterServer(ctx);
  const core = await startCore(dir, true, { SWITCHBOARD_MEMORY_REPORT: snapshotFolder(ctx) });
  const steps: Record<string, unknown> = {};
  const rss = (label: string): void => {
    const s = sampleProcess(core.pid);
    steps[label] = { rssMiB: s?.rssMiB, peakRssMiB: s?.peakRssMiB, cpuSeconds: s?.cpuSeconds };
    ctx.log(`memory: ${label}: core RSS ${s?.rssMiB.toFixed(0) ?? '—'} MiB (peak ${s?.peakRssMiB.toFixed(0) ?? '—'})`);
  };
  try {
    rss('history profile open');
    // The crowd: join the 20,000-member channel.
    let members = 0;
    let flooded: number | undefined;
    const floodSize = ctx.sizes.floods[0]?.messages ?? 0;
    const stop = core.bridge.on((event: BridgeEvent) => {
      if (event.type === 'members.changed' && event.payload.reset) members = event.payload.added.length;
      if (event.type === 'message.added' && event.payload.message.body === `END ${floodSize}`) flooded = nowMs();
    });
    await core.bridge.client.request('accounts.add', { pluginId: 'irc', settings: { server: '127.0.0.1', port: irc.port, tls: false, nick: 'memuser', autojoin: CROWD_CHANNEL } });
    await until('the crowd member list', () => (members >= ctx.sizes.members ? true : undefined), 120_000);
    rss(`${ctx.sizes.members} members joined`);
    // A flood into the crowded channel.
    const sender = spawnLines(process.execPath, [join(repoRoot, 'dist', 'bench', 'receivers', 'floodSender.js'), String(irc.port), CROWD_CHANNEL]);
    try {
      await sender.waitFor(/^READY/, 60_000, 'the sender joining');
      sender.child.stdin?.write(`GO ${floodSize}\n`);
      await until('the flood on the bridge', () => (flooded !== undefined ? true : undefined), 300_000);
    } finally {
      await sender.stop('SIGKILL');
    }
    rss(`${floodSize} messages flooded`);
    // The roster.
    const roster = await switchboardRosterLogin(core, xmpp);
    rss(`${roster.contacts} contacts online`);
    stop();
    const ui = measureUi(ctx, core, profile.bigConversationTitle, roster.contacts, rss, steps);
    // What the core holds, taken last: its heap snapshot costs the core 60–135 MiB of RSS
    // that stays (V8's snapshot writer, native memory), which every RSS figure above would
    // have counted. Taken also when the browser failed on a loaded machine.
    const failure = await ui.then(() => undefined, (error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    await addMemoryBreakdown(ctx, core);
    if (failure !== undefined) throw failure;
  } finally {
    await core.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The UI in Chromium with everything loaded: first paint, the big conversation and the crowded channel open; the core's RSS then. */
async function measureUi(ctx: BenchContext, core: BenchCore, bigTitle: string, contacts: number, rss: (label: string) => void, steps: Record<string, unknown>): Promise<void> {
  const browser = await openBrowser();
  try {
    const paint = await loadApp(browser.page, core.core.url, bigTitle);
    rss('app loaded');
    const open = await openConversation(browser.page, bigTitle);
    rss('big conversation open');
    const crowd = await openConversation(browser.page, CROWD_CHANNEL);
    rss('crowded channel open');
    await browser.page.waitForTimeout(1000);
    const memberNodes = await browser.page.evaluate(() => {
      const list = document.querySelector('[role="list"][aria-label="Members"]');
      return { nodes: list ? list.querySelectorAll('*').length : 0, items: list ? list.querySelectorAll('li, [role="listitem"]').length : 0 };
    });
    const nodes = await timelineNodes(browser.page);
    const typing = await filterTypingLatency(browser.page, 'c01');
    const heap = await rendererHeap(browser.cdp);
    rss('UI open');
    const core1 = sampleProcess(core.pid);
    ctx.add({ part: PART, label: 'first contentful paint with everything loaded', value: paint.firstContentfulPaintMs, unit: 'ms',
      note: `buddy list after ${paint.buddyListMs.toFixed(0)} ms; open the big conversation ${open.ms.toFixed(0)} ms, the crowded channel ${crowd.ms.toFixed(0)} ms` });
    ctx.add({ part: PART, label: `member list of the ${ctx.sizes.members.toLocaleString('en-US')}-member channel: DOM nodes`, value: memberNodes.nodes, unit: 'nodes',
      note: `${memberNodes.items} list items; whole document ${heap.nodes} nodes; channel timeline ${nodes.timeline}` });
    ctx.add({ part: PART, label: 'buddy-list filter with everything loaded: keydown to next frame p95', value: percentile(typing, 95), unit: 'ms',
      note: `p50 ${percentile(typing, 50).toFixed(1)} ms over ${typing.length} keys; ${contacts.toLocaleString('en-US')} contacts and ${ctx.sizes.conversations} conversations listed` });
    // Issue 18's target (Pidgin 2.14 idle with two accounts: 119–122 MiB); its peak's is ≤ 160 MiB.
    ctx.add({ part: PART, label: 'core RSS with everything loaded', value: core1?.rssMiB ?? Number.NaN, unit: 'MiB', target: { text: '≤ 120 MiB', limit: 120, better: 'lower' },
      note: `peak ${core1?.peakRssMiB.toFixed(0) ?? '—'} MiB (target ≤ 160); ${ctx.sizes.messages.toLocaleString('en-US')} messages stored, ${ctx.sizes.members.toLocaleString('en-US')} members, ${contacts.toLocaleString('en-US')} contacts` });
    ctx.add({ part: PART, label: 'renderer JS heap with everything loaded (after GC)', value: heap.usedMiB, unit: 'MiB', target: { text: '≤ 150 MB', limit: 150 * 1e6 / 1024 ** 2, better: 'lower' },
      note: `total heap ${heap.totalMiB.toFixed(0)} MiB` });
    ctx.detail(PART, 'steps', steps);
    ctx.detail(PART, 'ui', { paint, open, crowd, memberNodes, nodes, heap, typing });
  } finally {
    await browser.close();
  }
}
