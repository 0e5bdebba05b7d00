/**
 * Matrix threads and polls end to end (§Threading, §Polls): the real UI in Chromium (headless mode), a real
 * Synapse, and bob on matrix-js-sdk (not our adapter). A reply bob sends in a thread is not
 * in alice's main log: its first message says "1 reply", and opening it shows the thread,
 * where alice replies; bob's client gets her reply in the same thread, and alice's reading
 * of the thread reaches the server as a threaded receipt. A poll bob starts is shown with its
 * answers; alice votes from the request's buttons and changes her vote by picking another
 * answer's chip, and bob's server has each of her responses.
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
let roomId = '';

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
  ({ room_id: roomId } = await synapse.request('POST', '/_matrix/client/v3/createRoom', bobUser.accessToken, { preset: 'public_chat', name: 'Lunch' }) as { room_id: string });
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

/** Alice's newest poll response in the room as the server has it: the answers she picked. */
async function aliceVote(): Promise<unknown> {
  const page = await synapse.request('GET', `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/messages?dir=b&limit=20`, bobUser.accessToken) as { chunk: { type: string; sender: string; content: Record<string, unknown> }[] };
  return page.chunk.find((event) => event.type === 'm.poll.response' && event.sender === aliceId)?.content['m.selections'];
}

test('a poll is shown with its answers, and alice votes and changes her vote', async ({ page }) => {
  await page.goto(core.url);
  const log = page.getByRole('log', { name: /Messages in Lunch/ });
  const { event_id: pollId } = await bob.client.sendEvent(roomId, 'm.poll.start' as never, {
    'm.text': [{ body: 'Dessert? Ice cream or cake' }],
    'm.poll': {
      kind: 'm.disclosed', max_selections: 1, question: { 'm.text': [{ body: 'Dessert?' }] },
      answers: [{ 'm.id': 'ice', 'm.text': [{ body: 'Ice cream' }] }, { 'm.id': 'cake', 'm.text': [{ body: 'Cake' }] }],
    },
  } as never);
  await page.getByRole('list', { name: 'Contacts' }).getByRole('button', { name: /Lunch/ }).first().click();
  const poll = log.getByRole('listitem').filter({ hasText: 'Dessert?' });
  await expect(poll).toContainText('📊 Dessert?');
  await expect(poll).toContainText('• Ice cream');
  await expect(poll).toContainText('• Cake');

  const question = page.getByRole('group', { name: /Answer: .* asks: Dessert\?/ });
  await question.getByRole('button', { name: 'Cake' }).click();
  await expect.poll(aliceVote, { timeout: 20_000 }).toEqual(['cake']);
  await expect(poll.getByRole('button', { name: 'Cake 1' })).toHaveAttribute('aria-pressed', 'true');
  await expect(question).toBeHidden();

  await bob.client.sendEvent(roomId, 'm.poll.response' as never, { 'm.relates_to': { rel_type: 'm.reference', event_id: pollId }, 'm.selections': ['ice'] } as never);
  const iceCream = poll.getByRole('button', { name: 'Ice cream 1' });
  await expect(iceCream).toHaveAttribute('aria-pressed', 'false');
  await iceCream.click();
  await expect.poll(aliceVote, { timeout: 20_000 }).toEqual(['ice']);
  await expect(poll.getByRole('button', { name: 'Ice cream 2' })).toHaveAttribute('aria-pressed', 'true');
  await expect(poll.getByRole('button', { name: /^Cake/ })).toHaveCount(0);
  await screenshot(page, 'matrix-poll.png');
});
