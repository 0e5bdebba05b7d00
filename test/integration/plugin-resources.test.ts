/**
 * The Plugins dialog's figures move with what a plugin does: the intruder fixture's /burn
 * keeps a core busy and allocates about 30 MB; in a worker thread (CPU = event-loop
 * utilisation, heap from inside the thread) and in a sandboxed process (CPU time, heap and
 * RSS of its own process) the samples show it.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PluginOverview, ResourceSampleView } from '../../electron/bridge/pluginSchemas.js';
import { FIXTURE_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';

let running: InProcessCore | undefined;
let profile = '';
afterEach(async () => {
  await running?.close();
  running = undefined;
  rmSync(profile, { recursive: true, force: true });
});

/** Asks for the overview until the intruder's samples satisfy `done` (each heartbeat adds one). */
async function samplesUntil(core: InProcessCore, done: (samples: readonly ResourceSampleView[]) => boolean, timeoutMs = 20_000): Promise<PluginOverview> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const intruder = (await core.client.request('plugins.overview', {})).find((p) => p.id === 'intruder');
    if (intruder && done(intruder.resources)) return intruder;
    if (Date.now() > deadline) throw new Error(`The figures did not move: ${JSON.stringify(intruder?.resources.slice(-3))}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function burnAndWatch(core: InProcessCore): Promise<{ before: ResourceSampleView; peak: ResourceSampleView; overview: PluginOverview }> {
  const account = await core.client.request('accounts.add', { pluginId: 'intruder', settings: { name: 'mallory' } });
  await core.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === account.id && e.payload.account.state === 'online');
  const idle = await samplesUntil(core, (samples) => samples.length >= 3);
  const before = idle.resources.at(-1);
  if (!before) throw new Error('no sample');
  await core.client.request('commands.run', { accountId: account.id, command: 'burn', args: '' });
  const overview = await samplesUntil(core, (samples) => samples.some((s) => s.at > before.at && s.cpuPercent >= 20 && s.heapBytes > before.heapBytes + 20e6));
  const peak = overview.resources.find((s) => s.at > before.at && s.cpuPercent >= 20 && s.heapBytes > before.heapBytes + 20e6);
  if (!peak) throw new Error('no peak');
  console.log(`[figures] ${overview.runtime}: before cpu ${before.cpuPercent}% heap ${(before.heapBytes / 1e6).toFixed(1)} MB rss ${((before.rssBytes ?? 0) / 1e6).toFixed(1)} MB; burning cpu ${peak.cpuPercent}% heap ${(peak.heapBytes / 1e6).toFixed(1)} MB rss ${((peak.rssBytes ?? 0) / 1e6).toFixed(1)} MB`);
  return { before, peak, overview };
}

describe('resource figures of plugins', () => {
  it('move when a plugin in a worker thread burns CPU and allocates', async () => {
    profile = mkdtempSync(join(tmpdir(), 'switchboard-figures-'));
    running = await startInProcessCore([join(FIXTURE_PLUGINS, 'intruder')], profile, { heartbeatIntervalMs: 250 });
    const { before, peak, overview } = await burnAndWatch(running);
    expect(overview.runtime).toBe('worker');
    expect(before.cpuPercent).toBeLessThan(20);
    expect(peak.rssBytes).toBeUndefined();
  });

  it('move when a sandboxed plugin burns CPU and allocates, with its own RSS', async () => {
    profile = mkdtempSync(join(tmpdir(), 'switchboard-figures-'));
    const dir = join(profile, 'plugins', 'intruder');
    cpSync(join(FIXTURE_PLUGINS, 'intruder'), dir, { recursive: true });
    running = await startInProcessCore([], profile, { heartbeatIntervalMs: 250 }, { installedPluginDirs: [dir] });
    const { before, peak, overview } = await burnAndWatch(running);
    expect(overview.runtime).toBe('process');
    expect(before.cpuPercent).toBeLessThan(20);
    expect(peak.rssBytes ?? 0).toBeGreaterThan((before.rssBytes ?? 0) + 20e6);
  });
});
