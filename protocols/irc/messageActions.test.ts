/**
 * Replies, reactions, deletion, real names and multi-line messages, both ways, against the
 * scripted server: neither InspIRCd 3 nor ngIRCd offers draft/message-redaction,
 * draft/multiline or setname (InspIRCd relays the client tags with message-tags).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ProtocolEvent } from '../api/index.js';
import { IrcConnection } from './ircConnection.js';
import { recorder, type Recorder } from './testRecorder.js';
import { startScriptedServer, type ScriptedServer, type ScriptedServerOptions } from './testServer.js';

let server: ScriptedServer | undefined;
let connection: IrcConnection | undefined;
afterEach(async () => {
  await connection?.disconnect();
  await server?.close();
  connection = undefined;
  server = undefined;
});

async function online(options: ScriptedServerOptions): Promise<{ rec: Recorder; live: ScriptedServer; irc: IrcConnection }> {
  const live = await startScriptedServer(options);
  server = live;
  const rec = recorder({ server: '127.0.0.1', port: live.port, tls: false, nick: 'alice' });
  const irc = new IrcConnection(rec.context);
  connection = irc;
  await irc.connect();
  // 005 follows 001: a notice pushed now arrives after the server's tokens.
  live.push(':scripted.test NOTICE alice :ready\r\n');
  await rec.waitForEvent('the welcome burst read', (e) => e.type === 'server.notice' && e.text.includes('ready'));
  return { rec, live, irc };
}

const of = <T extends ProtocolEvent['type']>(type: T) => (e: ProtocolEvent): e is Extract<ProtocolEvent, { type: T }> => e.type === type;

describe('+draft/reply and +draft/react (https://ircv3.net/specs/client-tags/reply, /react)', () => {
  it('shows a reply as a reply and reactions per person, and sends both', async () => {
    const { rec, live, irc } = await online({ caps: 'message-tags echo-message server-time' });
    await irc.joinRoom({ room: '#c' });
    live.push('@msgid=m1 :bob!u@h PRIVMSG #c :lunch?\r\n@msgid=m2;+draft/reply=m1 :carol!u@h PRIVMSG #c :yes\r\n');
    const reply = await rec.waitForEvent('the reply', (e) => e.type === 'message.received' && e.message.body === 'yes');
    expect(reply.type === 'message.received' ? reply.message.replyTo : undefined).toEqual({ networkId: 'm1' });
    live.push('@+draft/reply=m1;+draft/react=👍 :carol!u@h TAGMSG #c\r\n@+draft/reply=m1;+draft/react=🎉 :carol!u@h TAGMSG #c\r\n');
    await rec.waitFor('two reactions', () => rec.events.filter(of('reactions.changed')).find((e) => e.reactions.length === 2));
    expect(rec.events.filter(of('reactions.changed')).map((e) => [e.conversationId, e.targetNetworkId, e.senderId, e.reactions])).toEqual([
      ['#c', 'm1', 'carol', ['👍']], ['#c', 'm1', 'carol', ['👍', '🎉']],
    ]);
    await irc.sendMessage({ conversationId: '#c', localId: 'r1', kind: 'text', body: 'me too', replyTo: { networkId: 'm1' } });
    await live.waitForLine(/^@\+draft\/reply=m1 PRIVMSG #c :me too$/);
    await irc.react('#c', 'm1', ['👍']);
    await irc.react('#c', 'm1', []);
    await live.waitForLine(/^@\+draft\/reply=m1;\+draft\/react=👍 TAGMSG #c$/);
    await live.waitForLine(/^@\+draft\/reply=m1;\+draft\/unreact=👍 TAGMSG #c$/);
  });

  it('says reactions cannot be sent where the server denies client tags (CLIENTTAGDENY=*)', async () => {
    const { rec, irc } = await online({ caps: 'message-tags', isupport: 'CLIENTTAGDENY=*' });
    await expect(irc.react('#c', 'm1', ['👍'])).rejects.toThrow(/does not pass reactions on/);
    await irc.openDirect('bob');
    const chat = rec.events.filter(of('conversation.upserted')).find((e) => e.conversation.id === 'bob');
    expect(chat?.conversation.capabilities).toMatchObject({ typing: false, replies: false, reactions: false, deletes: false });
  });
});

describe('message-redaction (https://ircv3.net/specs/extensions/message-redaction)', () => {
  it('shows a REDACT as a deleted message and sends one when the user deletes', async () => {
    const { rec, live, irc } = await online({ caps: 'message-tags draft/message-redaction' });
    await irc.joinRoom({ room: '#c' });
    live.push(':bob!u@h REDACT #c m7 :typo\r\n:bob!u@h REDACT alice m8\r\n');
    await rec.waitFor('two deletions', () => (rec.events.filter(of('message.deleted')).length === 2 ? true : undefined));
    expect(rec.events.filter(of('message.deleted')).map((e) => [e.conversationId, e.targetNetworkId, e.senderId])).toEqual([['#c', 'm7', 'bob'], ['bob', 'm8', 'bob']]);
    await irc.deleteMessage('#c', 'm9');
    await live.waitForLine(/^REDACT #c m9$/);
  });

  it('refuses to delete in words where the server cannot', async () => {
    const { irc } = await online({ caps: 'message-tags' });
    await expect(irc.deleteMessage('#c', 'm9')).rejects.toThrow(/cannot delete messages/);
  });
});

describe('setname (https://ircv3.net/specs/extensions/setname)', () => {
  it('tells a real name change in the channels shared with that person, and sends /setname', async () => {
    const { rec, live, irc } = await online({ caps: 'setname' });
    await irc.joinRoom({ room: '#c' });
    live.push(':scripted.test 353 alice = #c :alice bob\r\n:scripted.test 366 alice #c :End of NAMES\r\n');
    await rec.waitForEvent('bob in #c', (e) => e.type === 'members.changed' && (e.added ?? []).some((m) => m.id === 'bob'));
    live.push(':bob!u@h SETNAME :Robert Tables\r\n');
    const line = await rec.waitForEvent('the change told', (e) => e.type === 'message.received' && e.message.kind === 'event' && e.message.body.includes('real name'));
    expect(line.type === 'message.received' ? [line.message.conversationId, line.message.body] : []).toEqual(['#c', 'bob changed their real name to "Robert Tables"']);
    await irc.runCommand('setname', 'Alice Liddell', '#c');
    await live.waitForLine(/^SETNAME :Alice Liddell$/);
  });

  it('says so in words where the server has no setname', async () => {
    const { irc } = await online({});
    await expect(irc.runCommand('setname', 'Alice', undefined)).rejects.toThrow(/cannot change your real name while connected/);
  });
});

describe('draft/multiline (https://ircv3.net/specs/extensions/multiline)', () => {
  /** A server that echoes a client's multiline batch back as one batch with one msgid (as Ergo does). */
  function multilineEcho(): NonNullable<ScriptedServerOptions['command']> {
    const open = new Map<string, string[]>();
    return (client, line) => {
      const batchTag = /(?:^|;)batch=([^;]+)/.exec(line.tags)?.[1];
      if (line.command === 'BATCH' && line.params[0]?.startsWith('+')) {
        open.set(line.params[0].slice(1), [`@${line.tags}`.replace(/^@$/, '')]);
        return true;
      }
      if (batchTag !== undefined && open.has(batchTag)) {
        open.get(batchTag)?.push(`@${line.tags.replace(/batch=[^;]+;?/, 'batch=E;').replace(/;$/, '')} :${client.nick}!u@h ${line.command} ${line.params[0] ?? ''} :${line.trailing}`);
        return true;
      }
      if (line.command === 'BATCH' && line.params[0]?.startsWith('-')) {
        const [startTags = '', ...inner] = open.get(line.params[0].slice(1)) ?? [];
        const label = /label=[^;]+/.exec(startTags)?.[0];
        client.send(`@msgid=ml1${label ? `;${label}` : ''} :scripted.test BATCH +E draft/multiline #c`);
        for (const echoed of inner) client.send(echoed);
        client.send(':scripted.test BATCH -E');
        return true;
      }
      return false;
    };
  }

  it('sends a message of several lines as one batch, within max-lines, and confirms it by the echo of the batch', async () => {
    const { rec, live, irc } = await online({
      caps: 'message-tags batch echo-message labeled-response draft/multiline=max-bytes=4096,max-lines=24', command: multilineEcho(),
    });
    await irc.joinRoom({ room: '#c' });
    const long = `${'word '.repeat(120)}end`;
    await irc.sendMessage({ conversationId: '#c', localId: 'ml', kind: 'text', body: `first line\nsecond line\n${long}` });
    await rec.waitForEvent('the batch confirmed', (e) => e.type === 'message.confirmed' && e.localId === 'ml');
    const sent = live.received.filter((l) => /BATCH|PRIVMSG #c/.test(l));
    expect(sent[0]).toMatch(/^@label=\S+ BATCH \+(\S+) draft\/multiline #c$/);
    expect(sent.slice(1, 3)).toEqual([expect.stringMatching(/^@batch=\S+ PRIVMSG #c :first line$/), expect.stringMatching(/^@batch=\S+ PRIVMSG #c :second line$/)]);
    expect(sent.slice(3, -1).every((l) => Buffer.byteLength(l) <= 510)).toBe(true);
    expect(sent.slice(4, -1).every((l) => l.includes(';draft/multiline-concat PRIVMSG'))).toBe(true);
    expect(sent.at(-1)).toMatch(/^BATCH -\S+$/);
    const echoes = rec.received().filter((m) => m.conversationId === '#c' && m.fromSelf === true);
    expect(echoes.map((m) => [m.body, m.networkId])).toEqual([[`first line\nsecond line\n${long}`, 'ml1']]);
  });

  it('sends separate lines where the message has more lines than max-lines allows', async () => {
    const { live, irc } = await online({ caps: 'message-tags batch draft/multiline=max-bytes=4096,max-lines=2' });
    await irc.sendMessage({ conversationId: '#c', localId: 'three', kind: 'text', body: 'one\ntwo\nthree' });
    await live.waitForLine(/^PRIVMSG #c :three$/);
    expect(live.received.some((l) => l.includes('BATCH'))).toBe(false);
  });

  it('shows a multiline batch from someone else as one message', async () => {
    const { rec, live, irc } = await online({ caps: 'message-tags batch draft/multiline=max-bytes=4096' });
    await irc.joinRoom({ room: '#c' });
    live.push([
      '@msgid=b1;time=2026-12-07T06:00:00.000Z :scripted.test BATCH +x draft/multiline #c',
      '@batch=x :bob!u@h PRIVMSG #c :def f():',
      '@batch=x :bob!u@h PRIVMSG #c :    return 1 +',
      '@batch=x;draft/multiline-concat :bob!u@h PRIVMSG #c : 2',
      ':scripted.test BATCH -x',
      '',
    ].join('\r\n'));
    const message = await rec.waitForEvent('the message', (e) => e.type === 'message.received' && e.message.senderId === 'bob');
    expect(message.type === 'message.received' ? [message.message.body, message.message.networkId, message.message.timestamp] : [])
      .toEqual(['def f():\n    return 1 + 2', 'b1', Date.parse('2026-12-07T06:00:00.000Z')]);
    expect(rec.received().filter((m) => m.senderId === 'bob')).toHaveLength(1);
  });
});
