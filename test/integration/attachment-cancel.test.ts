/**
 * Cancelling a download in progress (issue 23 follow-up): `attachments.cancel` stops the
 * plugin's download through its cancelDownload (API 0.4), the save fails as cancelled and
 * no partial file is left in the downloads folder. A real core with the loopback fixture,
 * whose "slow-" files arrive chunk by chunk until cancelled.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import type { MessageView } from '../../electron/bridge/schemas.js';
import { FIXTURE_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';

const loopback = join(FIXTURE_PLUGINS, 'loopback');

let running: InProcessCore | undefined;
const folders: string[] = [];
afterEach(async () => {
  await running?.close();
  running = undefined;
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const filesIn = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir) : []);

/** Waits for a condition on the file system, with a timeout. */
async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A core with an online loopback account and echo-bot's message carrying the named file. */
async function receivedFile(name: string): Promise<{ core: InProcessCore; message: MessageView; downloads: string }> {
  const downloads = mkdtempSync(join(tmpdir(), 'switchboard-downloads-'));
  folders.push(downloads);
  running = await startInProcessCore([loopback], undefined, undefined, { downloadsDir: downloads });
  const core = running;
  const account = await core.client.request('accounts.add', { pluginId: 'loopback', settings: { name: 'alice' } });
  await core.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === account.id && e.payload.account.state === 'online');
  const chat = await core.client.request('conversations.openDirect', { accountId: account.id, contactId: 'echo-bot' });
  await core.client.request('messages.send', { conversationId: chat.id, body: `send me ${name}` });
  const added = await core.waitForEvent((e): e is Extract<BridgeEvent, { type: 'message.added' }> =>
    e.type === 'message.added' && e.payload.message.attachments?.[0]?.name === name);
  return { core, message: added.payload.message, downloads };
}

describe('cancelling an attachment download', () => {
  it('stops the plugin\'s download, fails the save as cancelled and leaves no partial file', async () => {
    const { core, message, downloads } = await receivedFile('slow-movie.bin');
    const mark = core.mark();
    const saving = core.client.request('attachments.save', { messageId: message.id, index: 0 });
    const outcome = saving.then(() => 'saved', (error: unknown) => (error instanceof Error ? error.message : String(error)));
    // Under way: progress is reported and a partial file is in the downloads folder.
    await core.waitForEvent((e) => e.type === 'attachment.progress' && e.payload.messageId === message.id && e.payload.receivedBytes > 1024, 15_000, mark);
    expect(filesIn(downloads).some((file) => file.endsWith('.part'))).toBe(true);

    await core.client.request('attachments.cancel', { messageId: message.id, index: 0 });
    expect(await outcome).toBe('The download was cancelled.');
    // The plugin was told (its cancelDownload ran), and nothing is left behind.
    await core.waitForEvent((e) => e.type === 'server.notice' && /download .* cancelled/.test(e.payload.text), 15_000, mark);
    await until(() => filesIn(downloads).length === 0, 'the downloads folder to be empty');

    // Cancelling again, with nothing running, is no error.
    await expect(core.client.request('attachments.cancel', { messageId: message.id, index: 0 })).resolves.toBeNull();
  });

  it('a file that is not cancelled is saved as before', async () => {
    const { core, message, downloads } = await receivedFile('small.bin');
    const saved = await core.client.request('attachments.save', { messageId: message.id, index: 0 });
    expect(saved).toMatchObject({ name: 'small.bin', size: 1024 });
    expect(filesIn(downloads)).toEqual(['small.bin']);
  });
});
