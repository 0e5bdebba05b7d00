/**
 * The plugin API 0.2 through the real core: buddy lists, requests, edits, deletions,
 * reactions, receipts, replies, history paging, the room directory and plugin commands,
 * with the loopback test plugin as the network.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import type { MessageView } from '../../electron/bridge/schemas.js';
import type { StagedFile } from '../../electron/core/files/stagedFiles.js';
import { FIXTURE_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';

const loopback = join(FIXTURE_PLUGINS, 'loopback');

let running: InProcessCore | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function online(staged?: Map<string, StagedFile>): Promise<{ core: InProcessCore; accountId: string }> {
  const stagedFiles = staged && { take: (id: string) => { const file = staged.get(id); staged.delete(id); return file; } };
  const core = await startInProcessCore([loopback], undefined, undefined, stagedFiles ? { stagedFiles } : {});
  running = core;
  const account = await core.client.request('accounts.add', { pluginId: 'loopback', settings: { name: 'alice' } });
  await core.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === account.id && e.payload.account.state === 'online');
  return { core, accountId: account.id };
}

function updatedMessage(id: number, test: (m: MessageView) => boolean) {
  return (e: BridgeEvent): boolean => e.type === 'message.updated' && e.payload.message.id === id && test(e.payload.message);
}

describe('rich features through the core', () => {
  it('keeps a buddy list with presence, forgets presence when the account goes offline', async () => {
    const { core, accountId } = await online();
    await core.waitForEvent((e) => e.type === 'contact.changed' && e.payload.contact.id === 'echo-bot');
    expect(await core.client.request('contacts.list', {})).toEqual([{
      accountId, id: 'echo-bot', displayName: 'Echo Bot', groups: ['Bots'], presence: { status: 'available', message: 'always here' }, subscription: 'both',
      avatarDataUrl: 'data:image/png;base64,iVBORw0KGgo=',
    }]);
    expect((await core.client.request('accounts.list', {}))[0]?.limits).toEqual({ maxUploadBytes: 1048576 });
    await core.client.request('contacts.add', { accountId, contactId: 'carol', displayName: 'Carol', groups: ['Friends'] });
    await core.waitForEvent((e) => e.type === 'contact.changed' && e.payload.contact.id === 'carol' && e.payload.contact.subscription === 'pending-out');
    await core.client.request('contacts.remove', { accountId, contactId: 'carol' });
    await core.waitForEvent((e) => e.type === 'contact.removed' && e.payload.contactId === 'carol');

    await core.client.request('accounts.disconnect', { accountId });
    await core.waitForEvent((e) => e.type === 'contact.changed' && e.payload.contact.id === 'echo-bot' && e.payload.contact.presence.status === 'unknown');
  });

  it('shows one request per sender, answers it, and closes it', async () => {
    const { core, accountId } = await online();
    await core.waitForEvent((e) => e.type === 'request.raised');
    const requests = await core.client.request('requests.list', {});
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ id: 'sub-stranger', kind: 'subscription', fromId: 'stranger', choices: [{ id: 'accept' }, { id: 'decline' }] });
    await expect(core.client.request('requests.answer', { accountId, requestId: 'sub-stranger', choiceId: 'maybe' }))
      .rejects.toMatchObject({ kind: 'invalid-request' });
    await core.client.request('requests.answer', { accountId, requestId: 'sub-stranger', choiceId: 'accept' });
    await core.waitForEvent((e) => e.type === 'request.closed' && e.payload.requestId === 'sub-stranger');
    await core.waitForEvent((e) => e.type === 'contact.changed' && e.payload.contact.id === 'stranger');
    expect(await core.client.request('requests.list', {})).toEqual([]);
    await expect(core.client.request('requests.answer', { accountId, requestId: 'sub-stranger', choiceId: 'accept' }))
      .rejects.toMatchObject({ kind: 'not-found' });
  });

  it('applies receipts, reactions and replies to sent messages, then edits and deletes them', async () => {
    const { core, accountId } = await online();
    const chat = await core.client.request('conversations.openDirect', { accountId, contactId: 'echo-bot' });
    expect(chat.capabilities).toMatchObject({ edits: true, reactions: true });
    const sent = await core.client.request('messages.send', { conversationId: chat.id, body: 'hello' });
    await core.waitForEvent(updatedMessage(sent.id, (m) => m.receipt === 'read'));
    await core.waitForEvent(updatedMessage(sent.id, (m) => m.reactions?.[0]?.reaction === '👍'));
    const echo = await core.waitForEvent((e) => e.type === 'message.added' && e.payload.message.body === 'echo: hello');
    expect(echo.type === 'message.added' && echo.payload.message.replyTo).toEqual({ networkId: expect.stringMatching(/-out$/) as string, messageId: sent.id, senderName: 'alice', excerpt: 'hello' });

    const reply = echo.type === 'message.added' ? echo.payload.message.id : 0;
    await core.client.request('messages.send', { conversationId: chat.id, body: 'answering', replyTo: reply });
    await core.waitForEvent((e) => e.type === 'server.notice' && e.payload.text.startsWith('reply to loop-'));

    await core.client.request('messages.react', { messageId: reply, reactions: ['🎉', '🎉', '❤️'] });
    const reacted = (await core.client.request('messages.list', { conversationId: chat.id, limit: 10 })).find((m) => m.id === reply);
    expect(reacted?.reactions).toEqual([
      { reaction: '🎉', senders: [{ id: 'alice', name: 'alice' }], mine: true },
      { reaction: '❤️', senders: [{ id: 'alice', name: 'alice' }], mine: true },
    ]);

    const edited = await core.client.request('messages.edit', { messageId: sent.id, body: 'hello, world' });
    expect(edited).toMatchObject({ body: 'hello, world', edited: true });
    await expect(core.client.request('messages.edit', { messageId: reply, body: 'not mine' })).rejects.toMatchObject({ kind: 'invalid-request' });
    await core.client.request('messages.delete', { messageId: sent.id });
    const deleted = (await core.client.request('messages.list', { conversationId: chat.id, limit: 10 })).find((m) => m.id === sent.id);
    expect(deleted).toMatchObject({ deleted: true, body: '' });
    expect(deleted?.reactions).toBeUndefined();
  });

  it('sends a file under a safe name, from a temporary copy that is removed afterwards', async () => {
    const { core, accountId } = await online();
    const chat = await core.client.request('conversations.openDirect', { accountId, contactId: 'echo-bot' });
    const sent = await core.client.request('messages.sendFile', {
      conversationId: chat.id, name: '../../photo\u202Egpj.exe', mimeType: 'application/octet-stream', dataBase64: Buffer.from('file body').toString('base64'),
    });
    expect(sent).toMatchObject({ body: 'photogpj.exe', status: 'sending', attachments: [{ name: 'photogpj.exe', size: 9, kind: 'file' }] });
    await core.waitForEvent((e) => e.type === 'server.notice' && e.payload.text === `uploaded photogpj.exe (file body) to echo-bot`);
    await core.waitForEvent(updatedMessage(sent.id, (m) => m.status === 'sent'));
    await core.waitForEvent((e) => e.type === 'message.progress' && e.payload.messageId === sent.id && e.payload.sentBytes === 9);
    await expect.poll(() => readdirSync(join(core.profileDir, 'uploads-pending'))).toEqual([]);
    await expect(core.client.request('messages.sendFile', {
      conversationId: chat.id, name: 'big.bin', mimeType: 'application/octet-stream', dataBase64: Buffer.alloc(41 * 1024 * 1024).toString('base64'),
    })).rejects.toMatchObject({ kind: 'invalid-request', message: expect.stringContaining('too large') as string });
  });

  it('sends a failed file again on Retry, from the copy kept for it, and drops the copy of a cancelled one', async () => {
    const { core, accountId } = await online();
    const chat = await core.client.request('conversations.openDirect', { accountId, contactId: 'echo-bot' });
    const send = (name: string, body: string) => core.client.request('messages.sendFile', {
      conversationId: chat.id, name, mimeType: 'text/plain', dataBase64: Buffer.from(body).toString('base64'),
    });
    const failed = await send('refused-once-notes.txt', 'the notes');
    await core.waitForEvent(updatedMessage(failed.id, (m) => m.status === 'failed' && m.error?.message.includes('refused the upload') === true));
    expect(readdirSync(join(core.profileDir, 'uploads-pending'))).toEqual([`${failed.id}-refused-once-notes.txt`]);

    await core.client.request('messages.retry', { messageId: failed.id });
    await core.waitForEvent((e) => e.type === 'server.notice' && e.payload.text === 'uploaded refused-once-notes.txt (the notes) to echo-bot');
    await core.waitForEvent(updatedMessage(failed.id, (m) => m.status === 'sent'));
    const page = await core.client.request('messages.list', { conversationId: chat.id, limit: 10 });
    expect(page.filter((m) => m.body.includes('refused-once-notes.txt')).map((m) => [m.body, m.status, m.attachments?.[0]?.name]))
      .toEqual([['refused-once-notes.txt', 'sent', 'refused-once-notes.txt']]);
    await expect.poll(() => readdirSync(join(core.profileDir, 'uploads-pending'))).toEqual([]);

    const dropped = await send('refused-once-draft.txt', 'draft');
    await core.waitForEvent(updatedMessage(dropped.id, (m) => m.status === 'failed'));
    await core.client.request('messages.cancel', { messageId: dropped.id });
    await expect.poll(() => readdirSync(join(core.profileDir, 'uploads-pending'))).toEqual([]);
  });

  it('sends a file staged by headless mode\'s HTTP upload, named by its id, and deletes a staged file it refuses', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-staged-'));
    const staged = new Map<string, StagedFile>();
    const stage = (id: string, body: string, size = body.length): string => {
      writeFileSync(join(dir, id), body);
      staged.set(id, { path: join(dir, id), size });
      return join(dir, id);
    };
    const { core, accountId } = await online(staged);
    const chat = await core.client.request('conversations.openDirect', { accountId, contactId: 'echo-bot' });
    const first = stage('u1', 'staged body');
    const sent = await core.client.request('messages.sendFile', { conversationId: chat.id, name: 'report.txt', mimeType: 'text/plain', uploadId: 'u1' });
    expect(sent).toMatchObject({ body: 'report.txt', status: 'sending', attachments: [{ name: 'report.txt', size: 11, kind: 'file' }] });
    await core.waitForEvent((e) => e.type === 'server.notice' && e.payload.text === 'uploaded report.txt (staged body) to echo-bot');
    await core.waitForEvent(updatedMessage(sent.id, (m) => m.status === 'sent'));
    expect(existsSync(first)).toBe(false);
    await expect.poll(() => readdirSync(join(core.profileDir, 'uploads-pending'))).toEqual([]);

    await expect(core.client.request('messages.sendFile', { conversationId: chat.id, name: 'again.txt', mimeType: 'text/plain', uploadId: 'u1' }))
      .rejects.toMatchObject({ kind: 'invalid-request', message: expect.stringContaining('no longer there') as string });
    const refused = stage('u2', 'x', 41 * 1024 * 1024);
    await expect(core.client.request('messages.sendFile', { conversationId: chat.id, name: 'big.bin', mimeType: 'application/octet-stream', uploadId: 'u2' }))
      .rejects.toMatchObject({ kind: 'invalid-request', message: expect.stringContaining('too large') as string });
    expect(existsSync(refused)).toBe(false);
    await expect(core.client.request('messages.sendFile', { conversationId: chat.id, name: 'none.txt', mimeType: 'text/plain' }))
      .rejects.toMatchObject({ kind: 'invalid-request' });
  });

  it('pages older history from the network once, without duplicates', async () => {
    const { core, accountId } = await online();
    const chat = await core.client.request('conversations.openDirect', { accountId, contactId: 'echo-bot' });
    await core.client.request('messages.send', { conversationId: chat.id, body: 'now' });
    expect(await core.client.request('messages.fetchOlder', { conversationId: chat.id, limit: 50 })).toEqual({ added: 3, complete: true });
    const page = await core.client.request('messages.list', { conversationId: chat.id, limit: 50 });
    expect(page.slice(0, 3).map((m) => m.body)).toEqual(['old message 3', 'old message 2', 'old message 1']);
    expect(page.filter((m) => m.body.startsWith('old')).every((m) => !core.events.some((e) => e.type === 'message.added' && e.payload.message.id === m.id))).toBe(true);
  });

  it('runs plugin commands, lists the room directory, marks read and sets presence', async () => {
    const { core, accountId } = await online();
    const chat = await core.client.request('conversations.openDirect', { accountId, contactId: 'echo-bot' });
    await core.client.request('commands.run', { accountId, command: 'shout', args: 'hey there', conversationId: chat.id });
    await core.waitForEvent((e) => e.type === 'message.added' && e.payload.message.body === 'HEY THERE' && e.payload.message.kind === 'notice');
    await expect(core.client.request('commands.run', { accountId, command: 'whisper', args: '' })).rejects.toMatchObject({ kind: 'not-supported', message: 'Loopback has no /whisper command.' });

    expect(await core.client.request('rooms.directory', { accountId, query: 'lob', limit: 10 })).toEqual([{ id: '#lobby', title: 'Lobby', topic: 'welcome', memberCount: 3 }]);

    await core.client.request('messages.send', { conversationId: chat.id, body: 'ping' });
    await core.waitForEvent((e) => e.type === 'message.added' && e.payload.message.body === 'echo: ping');
    await core.client.request('conversations.markRead', { conversationId: chat.id });
    await core.waitForEvent((e) => e.type === 'server.notice' && /^read echo-bot up to loop-\d+$/.test(e.payload.text));

    const hits = await core.client.request('search.query', { query: 'pin', limit: 10 });
    expect(hits.map((hit) => hit.message.body).sort()).toEqual(['echo: ping', 'ping']);
    expect(hits.find((hit) => hit.message.body === 'echo: ping')?.snippet).toBe('echo: \u0002ping\u0003');
    expect(await core.client.request('search.query', { query: 'ping', conversationId: chat.id + 1000, limit: 10 })).toEqual([]);

    await core.client.request('accounts.setPresence', { accountId, presence: { status: 'away', message: 'lunch' } });
    await core.waitForEvent((e) => e.type === 'server.notice' && e.payload.text === 'presence away');
  });

  it('the global status: an account with its own keeps it; Offline disconnects, also after a restart; Available connects again and sets the status anew', async () => {
    const profileDir = mkdtempSync(join(tmpdir(), 'switchboard-status-'));
    try {
      let core = await startInProcessCore([loopback], profileDir);
      running = core;
      const { id: accountId } = await core.client.request('accounts.add', { pluginId: 'loopback', settings: { name: 'alice' } });
      await core.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === accountId && e.payload.account.state === 'online');
      let since = core.mark();
      const view = await core.client.request('status.setAccount', { accountId, status: { status: 'busy' } });
      expect(view.overrides).toEqual({ [accountId]: { status: 'busy' } });
      await core.waitForEvent((e) => e.type === 'server.notice' && e.payload.text === 'presence busy', undefined, since);
      await core.client.request('status.setAccount', { accountId, status: null });
      since = core.mark();
      await core.client.request('status.set', { status: 'offline' });
      await core.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === accountId && e.payload.account.state === 'offline', undefined, since);

      // Restarted: the status is still Offline and the account, enabled, does not connect.
      await core.close();
      core = await startInProcessCore([loopback], profileDir);
      running = core;
      expect((await core.client.request('status.get', {})).global).toEqual({ status: 'offline' });
      expect((await core.client.request('accounts.list', {})).find((a) => a.id === accountId)).toMatchObject({ enabled: true, state: 'offline' });
      await expect(core.client.request('accounts.connect', { accountId })).rejects.toMatchObject({
        kind: 'invalid-request', message: 'Your status is Offline: choose another status (for every account, or for this one) to connect.',
      });

      since = core.mark();
      await core.client.request('status.set', { status: 'away', message: 'back soon' });
      await core.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === accountId && e.payload.account.state === 'online', undefined, since);
      await core.waitForEvent((e) => e.type === 'server.notice' && e.payload.text === 'presence away', undefined, since);
      const status = await core.client.request('status.get', {});
      expect(status.global).toEqual({ status: 'away', message: 'back soon' });
      expect(status.overrides).toEqual({});
    } finally {
      await running?.close();
      running = undefined;
      rmSync(profileDir, { recursive: true, force: true });
    }
  });
});
