/**
 * History export, import and retention through the bridge of a real core (loopback plugin):
 * what the dialogs call. An export lands in the downloads folder with its progress events;
 * imported into another profile, the history is searchable and its account is listed,
 * disabled; retention counts first, then deletes, and the deleted leave search.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountView } from '../../electron/bridge/schemas.js';
import { FIXTURE_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';

const loopback = join(FIXTURE_PLUGINS, 'loopback');
const cores: InProcessCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

async function start(): Promise<InProcessCore> {
  const core = await startInProcessCore([loopback]);
  cores.push(core);
  return core;
}

async function onlineLoopback(core: InProcessCore, name: string): Promise<AccountView> {
  const account = await core.client.request('accounts.add', { pluginId: 'loopback', settings: { name } });
  await core.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === account.id && e.payload.account.state === 'online');
  return account;
}

describe('history through the bridge', () => {
  it('exports to the downloads folder with progress, imports into another profile, and applies retention', async () => {
    const first = await start();
    const alice = await onlineLoopback(first, 'alice');
    const chat = await first.client.request('conversations.openDirect', { accountId: alice.id, contactId: 'bob' });
    await first.client.request('messages.send', { conversationId: chat.id, body: 'a memorable aardvark' });
    await first.waitForEvent((e) => e.type === 'message.added' && e.payload.message.body.includes('aardvark') && e.payload.message.direction === 'in');

    const exported = await first.client.request('history.export', { format: 'jsonl', accountId: alice.id });
    expect(exported.path.startsWith(join(first.profileDir, 'downloads'))).toBe(true);
    expect(exported.messages).toBeGreaterThanOrEqual(2);
    await first.waitForEvent((e) => e.type === 'history.exportProgress' && e.payload.done === exported.messages);
    expect(readFileSync(exported.path, 'utf8')).toContain('a memorable aardvark');
    const second = await first.client.request('history.export', { format: 'txt' });
    expect(second.path).not.toBe(exported.path); // its own name, nothing overwritten

    const other = await start();
    const result = await other.client.request('history.import', { from: 'jsonl', path: exported.path });
    expect(result.summary).toBe(`${exported.messages} messages in 1 conversation; 1 disabled account created for them.`);
    const listed = await other.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === alice.id);
    expect(listed.type === 'account.changed' && listed.payload.account.enabled).toBe(false);
    const found = await other.client.request('search.query', { query: 'aardvark', limit: 10 });
    expect(found.map((hit) => hit.message.body)).toContain('a memorable aardvark');
    await expect(other.client.request('history.import', { from: 'pidgin', path: join(other.profileDir, 'nowhere') }))
      .rejects.toMatchObject({ message: expect.stringContaining('does not exist') as unknown });

    expect(await other.client.request('history.retention', { accountId: alice.id })).toEqual({});
    // Nothing is older than a day yet; the messages are from a moment ago.
    expect(await other.client.request('history.retentionPreview', { accountId: alice.id, days: 1 })).toEqual({ count: 0 });
    await other.client.request('history.setRetention', { accountId: alice.id, days: 1 });
    expect(await other.client.request('history.retention', { accountId: alice.id })).toEqual({ days: 1 });
    expect(await other.client.request('history.applyRetention', { accountId: alice.id })).toEqual({ deleted: 0 });
    await other.client.request('history.setRetention', { accountId: alice.id, days: null });
    expect(await other.client.request('history.retention', { accountId: alice.id })).toEqual({});
  });
});
