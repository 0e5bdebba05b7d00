/**
 * A deliberately faulty plugin that throws, hangs in a busy loop, exits, or allocates
 * without bound: each case is contained and reported on its account, the worker is
 * restarted (a new worker, the account online again, a message through it: waited for after
 * the fault, so nothing from before the fault can stand in for it), and another account keeps
 * exchanging messages meanwhile (asserted).
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import { FIXTURE_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';

const plugins = [join(FIXTURE_PLUGINS, 'loopback'), join(FIXTURE_PLUGINS, 'faulty')];
const limits = { heartbeatIntervalMs: 200, heartbeatTimeoutMs: 1500, maxHeapMb: 64, maxCrashes: 3, crashWindowMs: 60_000 };

let running: InProcessCore | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

function accountError(accountId: string, pattern: RegExp) {
  return (e: BridgeEvent): boolean => e.type === 'account.changed' && e.payload.account.id === accountId
    && pattern.test(e.payload.account.error?.message ?? '');
}

/** Sends a message on the good account and waits for its echo. */
async function stillChatting(core: InProcessCore, conversationId: number, text: string): Promise<void> {
  await core.client.request('messages.send', { conversationId, body: text });
  await core.waitForEvent((e) => e.type === 'message.added' && e.payload.message.body === `echo: ${text}`);
}

/** The worker a connect of the account ran in (the faulty plugin's notice), if the event is one. */
function workerOf(accountId: string, e: BridgeEvent): string | undefined {
  if (e.type !== 'server.notice' || e.payload.accountId !== accountId) return undefined;
  return /^connected in worker (\S+)$/.exec(e.payload.text)?.[1];
}

function online(accountId: string) {
  return (e: BridgeEvent): boolean => e.type === 'account.changed' && e.payload.account.id === accountId && e.payload.account.state === 'online';
}

/** The faulty account's first connect: its worker. */
async function firstWorker(core: InProcessCore, faultyId: string): Promise<string> {
  const notice = await core.waitForEvent((e) => workerOf(faultyId, e) !== undefined);
  return workerOf(faultyId, notice) ?? '';
}

/**
 * After the fault (events from `since` on): a new worker connected the account, it is online
 * again, and a message sent on it comes back, as a user would see it.
 */
async function expectRestarted(core: InProcessCore, faultyId: string, oldWorker: string, since: number): Promise<void> {
  const notice = await core.waitForEvent((e) => workerOf(faultyId, e) !== undefined, 30_000, since);
  expect(workerOf(faultyId, notice)).not.toBe(oldWorker);
  await core.waitForEvent(online(faultyId), 15_000, since);
  const chat = await core.client.request('conversations.openDirect', { accountId: faultyId, contactId: 'carol' });
  await core.client.request('messages.send', { conversationId: chat.id, body: 'back again' });
  await core.waitForEvent((e) => e.type === 'message.added' && e.payload.message.conversationId === chat.id
    && e.payload.message.body === 'echo: back again', 15_000, since);
}

async function setUp(fault: string, once = false): Promise<{ core: InProcessCore; faultyId: string; chatId: number }> {
  const core = await startInProcessCore(plugins, undefined, limits);
  running = core;
  const good = await core.client.request('accounts.add', { pluginId: 'loopback', settings: { name: 'alice' } });
  await core.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === good.id && e.payload.account.state === 'online');
  const chat = await core.client.request('conversations.openDirect', { accountId: good.id, contactId: 'bob' });
  const faulty = await core.client.request('accounts.add', { pluginId: 'faulty', settings: { name: 'mallory', fault, once } });
  return { core, faultyId: faulty.id, chatId: chat.id };
}

describe('plugin supervision', () => {
  it('restarts a plugin stuck in a busy loop, found by the heartbeat', async () => {
    const { core, faultyId, chatId } = await setUp('hang', true);
    const worker = await firstWorker(core, faultyId);
    await core.waitForEvent(accountError(faultyId, /stopped responding for more than 2 s/));
    const afterHang = core.mark();
    await stillChatting(core, chatId, 'during the hang');
    await expectRestarted(core, faultyId, worker, afterHang);
  });

  it('reports a plugin that exits and brings it back', async () => {
    const { core, faultyId, chatId } = await setUp('exit', true);
    const worker = await firstWorker(core, faultyId);
    await core.waitForEvent(accountError(faultyId, /stopped unexpectedly \(exit code 3\)/));
    const afterExit = core.mark();
    await stillChatting(core, chatId, 'after the exit');
    await expectRestarted(core, faultyId, worker, afterExit);
  });

  it('stops a plugin that allocates without bound at its heap limit', async () => {
    const { core, faultyId, chatId } = await setUp('allocate');
    await core.waitForEvent(accountError(faultyId, /used more than 64 MB of memory/), 30_000);
    await stillChatting(core, chatId, 'after the leak');
  });

  it('disables a plugin that keeps crashing, with a clear message, and the rest keeps working', async () => {
    const { core, faultyId, chatId } = await setUp('throw-in-handler');
    const disabled = await core.waitForEvent(accountError(faultyId, /crashed 3 times in a row and has been disabled/), 30_000);
    expect(disabled.type === 'account.changed' && disabled.payload.account.state).toBe('failed');
    await stillChatting(core, chatId, 'after it was disabled');
  });
});
