/**
 * A deliberately faulty plugin that throws, hangs in a busy loop, exits, or allocates
 * without bound: each case is contained and reported on its account, the worker is
 * restarted, and another account keeps exchanging messages meanwhile (asserted).
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

async function setUp(fault: string): Promise<{ core: InProcessCore; faultyId: string; chatId: number }> {
  const core = await startInProcessCore(plugins, undefined, limits);
  running = core;
  const good = await core.client.request('accounts.add', { pluginId: 'loopback', settings: { name: 'alice' } });
  await core.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === good.id && e.payload.account.state === 'online');
  const chat = await core.client.request('conversations.openDirect', { accountId: good.id, contactId: 'bob' });
  const faulty = await core.client.request('accounts.add', { pluginId: 'faulty', settings: { name: 'mallory', fault } });
  return { core, faultyId: faulty.id, chatId: chat.id };
}

describe('plugin supervision', () => {
  it('restarts a plugin stuck in a busy loop, found by the heartbeat', async () => {
    const { core, faultyId, chatId } = await setUp('hang');
    await core.waitForEvent(accountError(faultyId, /stopped responding for more than 2 s/));
    await stillChatting(core, chatId, 'during the hang');
    // Restarted and connected again (and then it hangs again, as it is made to).
    await core.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === faultyId && e.payload.account.state === 'online'
      && core.events.some(accountError(faultyId, /stopped responding/)));
  });

  it('reports a plugin that exits and brings it back', async () => {
    const { core, faultyId, chatId } = await setUp('exit');
    await core.waitForEvent(accountError(faultyId, /stopped unexpectedly \(exit code 3\)/));
    await stillChatting(core, chatId, 'after the exit');
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
