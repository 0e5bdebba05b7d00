/**
 * Matrix threads end to end (§Threading): the real UI in Chromium (headless mode), a real
 * Synapse, and bob on matrix-js-sdk (not our adapter). A reply bob sends in a thread is not
 * in alice's main log: its first message says "1 reply", and opening it shows the thread,
 * where alice replies; bob's client gets her reply in the same thread, and alice's reading
 * of the thread reaches the server as a threaded receipt.
 */
import { expect, test } from '@playwright/test';
import { EventType, MsgType } from 'matrix-js-sdk';
import { startSynapse, type RegisteredUser, type RunningSynapse } from '../servers/synapse.js';
import { startSdkPeer, type SdkPeer } from '../servers/synapse/sdkPeer.js';
import { startHeadlessCore, type RunningHeadlessCore } from '../support/headlessCore.js';
import { addMatrixAccount, expectMatrixAccount } from './matrixAccountDialog.js';
import { joinRoom, screenshot } from './scenes.js';

const PASSWORD = 'e2e-password';
let synapse: RunningSynapse;
let core: RunningHeadlessCore;
let bob: SdkPeer;
let bobUser: RegisteredUser;
let aliceId = '';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  synapse = await startSynapse();
  const [alice, bobRegistered] = await Promise.all([synapse.registerUser('alice', PASSWORD), synapse.registerUser('bob', PASSWORD)]);
  aliceId = alice.userId;
  bobUser = bobRegistered;
  bob = await startSdkPeer(synapse.baseUrl, bobUser);
  core = await startHeadlessCore();
});

test.afterAll(async () => {
  bob.stop();
  await core.stop();
  await synapse.stop();
});

type ReceiptContent = Record<string, Record<string, Record<string, { thread_id?: string }> | undefined>>;

test('a thread is shown apart from the log, and alice replies in it', async ({ page }) => {
  await page.goto(core.url);
  await addMatrixAccount(page, synapse.baseUrl, aliceId, PASSWORD);
  await expectMatrixAccount(page, aliceId, 'Online');
  const { room_id: roomId } = await synapse.request('POST', '/_matrix/client/v3/createRoom', bobUser.accessToken, { preset: 'public_chat', name: 'Lunch' }) as { room_id: string };
  await joinRoom(page, roomId);
  const log = page.getByRole('log', { name: /Messages in Lunch/ });

  const { event_id: rootId } = await bob.client.sendEvent(roomId, EventType.RoomMessage, { msgtype: MsgType.Text, body: 'Pizza or sushi?' });
  const { event_id: bobInThread } = await bob.client.sendEvent(roomId, EventType.RoomMessage, {
    msgtype: MsgType.Text, body: 'Sushi, obviously',
    'm.relates_to': { rel_type: 'm.thread', event_id: rootId, is_falling_back: true, 'm.in_reply_to': { event_id: rootId } },
  } as never);
  await bob.sendText(roomId, 'Back to the main topic');

  await expect(log).toContainText('Back to the main topic');
  await expect(log).toContainText('Pizza or sushi?');
  await expect(log).not.toContainText('Sushi, obviously');
  await log.getByRole('button', { name: '1 reply' }).click();

  const thread = page.getByRole('complementary', { name: 'Thread' });
  const replies = thread.getByRole('list', { name: 'Replies in the thread' });
  await expect(replies.getByRole('listitem')).toHaveCount(1);
  await expect(replies).toContainText('Sushi, obviously');

  const box = thread.getByRole('textbox', { name: 'Reply in thread' });
  await box.fill('Sushi it is');
  await box.press('Enter');
  await expect(box).toHaveValue('');
  const atBob = await bob.waitForMessage(/^Sushi it is$/);
  expect(atBob.threadRootId).toBe(rootId);
  await expect(replies.getByRole('listitem')).toHaveCount(2);
  await expect(log.getByRole('button', { name: '2 replies' })).toBeVisible();
  await expect(log).not.toContainText('Sushi it is');

  // Reading the thread: a receipt for bob's reply in the thread (thread_id: the root), as bob's sync shows it.
  await expect.poll(async () => {
    const sync = await synapse.request('GET', '/_matrix/client/v3/sync?timeout=0', bobUser.accessToken) as {
      rooms?: { join?: Record<string, { ephemeral?: { events?: { type: string; content: ReceiptContent }[] } }> };
    };
    const receipts = (sync.rooms?.join?.[roomId]?.ephemeral?.events ?? []).filter((event) => event.type === 'm.receipt');
    return receipts.map((event) => event.content[bobInThread]?.['m.read']?.[aliceId]?.thread_id).find((id) => id !== undefined);
  }, { timeout: 20_000 }).toBe(rootId);
  await screenshot(page, 'matrix-thread.png');

  await thread.getByRole('button', { name: 'Close thread' }).click();
  await expect(thread).toBeHidden();
});
