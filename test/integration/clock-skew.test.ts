/**
 * Clock skew (issue 23): a conversation shows what the user saw arrive in the order it
 * arrived, whatever this machine's clock or the server's clock says, and shows the
 * server's times. The core's clock is injected (CoreOptions.now); the loopback server's
 * clock is off by the offset a conversation is named after ("clock-3600000").
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import { FIXTURE_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';

const loopback = join(FIXTURE_PLUGINS, 'loopback');
const DAY = 86_400_000;
const HOUR = 3_600_000;
const open: InProcessCore[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((core) => core.close()));
});

/** A core whose clock runs `skew.ms` off the true time (changeable while it runs), with an online loopback account. */
async function start(skew: { ms: number }) {
  const core = await startInProcessCore([loopback], undefined, undefined, { now: () => Date.now() + skew.ms });
  open.push(core);
  const account = await core.client.request('accounts.add', { pluginId: 'loopback', settings: { name: 'alice' } });
  await core.waitForEvent((e: BridgeEvent) => e.type === 'account.changed' && e.payload.account.id === account.id && e.payload.account.state === 'online');
  const chat = async (contactId: string) => {
    const conversation = await core.client.request('conversations.openDirect', { accountId: account.id, contactId });
    const write = (body: string) => core.client.request('messages.send', { conversationId: conversation.id, body });
    /** Sends and waits for the server's answer. */
    const send = async (body: string) => {
      await write(body);
      await core.waitForEvent((e) => e.type === 'message.added' && e.payload.message.conversationId === conversation.id && e.payload.message.body === `echo: ${body}`);
    };
    const shown = async () => core.client.request('messages.list', { conversationId: conversation.id, limit: 50 });
    /** The loopback server acts out a reconnect: a live message, then `count` older ones caught up after it. */
    const catchUp = async (count: number) => {
      await core.client.request('commands.run', { accountId: account.id, command: 'catchup', args: String(count), conversationId: conversation.id });
      await core.waitForEvent((e) => e.type === 'message.added' && e.payload.message.conversationId === conversation.id && /^missed \d+ of outage/.test(e.payload.message.body)
        && e.payload.message.body.startsWith(`missed ${count} `));
    };
    return { conversation, write, send, shown, catchUp };
  };
  return { core, chat };
}

describe('clock skew', () => {
  it('with this machine\'s clock set a month back, replies appear after the messages they answer, with the server\'s times', async () => {
    const skew = { ms: 0 };
    const { chat } = await start(skew);
    const bob = await chat('bob');
    await bob.send('before the clock changed');
    skew.ms = -30 * DAY;
    await bob.send('question');
    await bob.send('thanks');

    const shown = await bob.shown();
    expect(shown.map((m) => m.body)).toEqual([
      'before the clock changed', 'echo: before the clock changed', 'question', 'echo: question', 'thanks', 'echo: thanks',
    ]);
    // The server's clock is right: its times are shown, not a month back, for its answers
    // and for the user's own messages once it took them.
    for (const body of ['echo: question', 'question', 'thanks', 'echo: thanks']) {
      const shownTime = shown.find((m) => m.body === body)?.timestamp ?? 0;
      expect(Math.abs(shownTime - Date.now()), body).toBeLessThan(5 * 60_000);
    }
  });

  it('shows messages caught up after an outage before the newer live message that arrived first, whatever this machine\'s clock says', async () => {
    const skew = { ms: 0 };
    const { core, chat } = await start(skew);
    const bob = await chat('bob');
    await bob.send('before the outage');
    skew.ms = -30 * DAY;
    // The live message arrives first, then the three missed before it (flagged as catch-up).
    await bob.catchUp(3);
    await bob.send('after the outage');
    const expected = ['before the outage', 'echo: before the outage', 'missed 1 of outage 1', 'missed 2 of outage 1', 'missed 3 of outage 1',
      'live after outage 1', 'after the outage', 'echo: after the outage'];
    expect((await bob.shown()).map((m) => m.body)).toEqual(expected);
    // The UI learns of each caught-up message with its place (order), and counts it as unread.
    const added = core.events.flatMap((e) => (e.type === 'message.added' && e.payload.message.body.startsWith('missed ') ? [e.payload.message] : []));
    const live = (await bob.shown()).find((m) => m.body === 'live after outage 1');
    expect(added.map((m) => m.body)).toEqual(['missed 1 of outage 1', 'missed 2 of outage 1', 'missed 3 of outage 1']);
    expect(added.every((m) => m.order < (live?.order ?? -Infinity))).toBe(true);
    const conversations = await core.client.request('conversations.list', {});
    // Unread: the two echoes, the live message and the three caught up.
    expect(conversations.find((c) => c.id === bob.conversation.id)?.unread).toBe(6);
  });

  for (const [name, offset] of [['behind', -HOUR], ['ahead', HOUR]] as const) {
    it(`with the server's clock an hour ${name}, live messages stay in the order they arrived`, async () => {
      const { chat } = await start({ ms: 0 });
      const peer = await chat(`clock${offset > 0 ? '+' : '-'}${Math.abs(offset)}`);
      await peer.send('first');
      // Handed to the network, never confirmed: it keeps this machine's time, among the server's.
      await peer.write('never confirmed');
      await peer.send('second');
      const shown = await peer.shown();
      expect(shown.map((m) => m.body)).toEqual(['first', 'echo: first', 'never confirmed', 'second', 'echo: second']);
      // What the server dated is shown with its (wrong) time: it is what the network says.
      const echo = shown.find((m) => m.body === 'echo: second');
      expect(Math.abs((echo?.timestamp ?? 0) - (Date.now() + offset))).toBeLessThan(5 * 60_000);
    });
  }
});
