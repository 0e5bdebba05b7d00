/**
 * A sandboxed (installed) plugin is supervised as a worker is: a busy loop is found by the
 * heartbeat, a leak stopped at the memory cap, and each restarted with a new process; a
 * plugin that keeps dying is disabled with the reason. Another account keeps chatting.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import { FIXTURE_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';

const limits = { heartbeatIntervalMs: 200, heartbeatTimeoutMs: 1500, maxHeapMb: 64, maxCrashes: 3, crashWindowMs: 60_000 };

let running: InProcessCore | undefined;
let profile = '';
afterEach(async () => {
  await running?.close();
  running = undefined;
  rmSync(profile, { recursive: true, force: true });
});

function accountError(accountId: string, pattern: RegExp) {
  return (e: BridgeEvent): boolean => e.type === 'account.changed' && e.payload.account.id === accountId
    && pattern.test(e.payload.account.error?.message ?? '');
}

function workerOf(accountId: string, e: BridgeEvent): string | undefined {
  if (e.type !== 'server.notice' || e.payload.accountId !== accountId) return undefined;
  return /^connected in worker (\S+)$/.exec(e.payload.text)?.[1];
}

async function setUp(fault: string, once: boolean): Promise<{ core: InProcessCore; faultyId: string; chatId: number }> {
  profile = mkdtempSync(join(tmpdir(), 'switchboard-sandbox-sup-'));
  const faultyDir = join(profile, 'plugins', 'faulty');
  cpSync(join(FIXTURE_PLUGINS, 'faulty'), faultyDir, { recursive: true });
  const core = await startInProcessCore([join(FIXTURE_PLUGINS, 'loopback')], profile, limits, { installedPluginDirs: [faultyDir] });
  running = core;
  const good = await core.client.request('accounts.add', { pluginId: 'loopback', settings: { name: 'alice' } });
  await core.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === good.id && e.payload.account.state === 'online');
  const chat = await core.client.request('conversations.openDirect', { accountId: good.id, contactId: 'bob' });
  const faulty = await core.client.request('accounts.add', { pluginId: 'faulty', settings: { name: 'mallory', fault, once } });
  return { core, faultyId: faulty.id, chatId: chat.id };
}

async function stillChatting(core: InProcessCore, conversationId: number, text: string): Promise<void> {
  await core.client.request('messages.send', { conversationId, body: text });
  await core.waitForEvent((e) => e.type === 'message.added' && e.payload.message.body === `echo: ${text}`);
}

async function restartedInNewProcess(core: InProcessCore, faultyId: string, since: number): Promise<void> {
  const first = core.events.map((e) => workerOf(faultyId, e)).find((id) => id !== undefined);
  const notice = await core.waitForEvent((e) => workerOf(faultyId, e) !== undefined, 30_000, since);
  expect(workerOf(faultyId, notice)).not.toBe(first);
  await core.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === faultyId && e.payload.account.state === 'online', 15_000, since);
}

describe('supervision of sandboxed plugins', () => {
  it('restarts a sandboxed plugin stuck in a busy loop, found by the heartbeat', async () => {
    const { core, faultyId, chatId } = await setUp('hang', true);
    await core.waitForEvent(accountError(faultyId, /stopped responding for more than 2 s/));
    const after = core.mark();
    await stillChatting(core, chatId, 'during the hang');
    await restartedInNewProcess(core, faultyId, after);
  });

  it('stops a sandboxed plugin at its memory cap and restarts it', async () => {
    const { core, faultyId, chatId } = await setUp('allocate', true);
    await core.waitForEvent(accountError(faultyId, /used more than 64 MB of memory/), 30_000);
    const after = core.mark();
    await stillChatting(core, chatId, 'after the leak');
    await restartedInNewProcess(core, faultyId, after);
  });

  it('disables a sandboxed plugin that keeps exiting', async () => {
    const { core, faultyId, chatId } = await setUp('exit', false);
    await core.waitForEvent(accountError(faultyId, /crashed 3 times in a row and has been disabled/), 30_000);
    await stillChatting(core, chatId, 'after the plugin was disabled');
  });
});
