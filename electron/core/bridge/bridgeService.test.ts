import { describe, expect, it } from 'vitest';
import type { BridgeEvent, RequestHandlers } from '../../bridge/contract.js';
import { BridgeFault } from './bridgeFault.js';
import { AccountOfflineError, CoreError } from '../model/coreError.js';
import { BridgeService } from './bridgeService.js';
import { EventBatcher } from './eventBatcher.js';

function service(overrides: Partial<RequestHandlers>, log: string[] = []): BridgeService {
  const unexpected = () => Promise.reject(new Error('not under test'));
  const handlers = new Proxy(overrides, { get: (target, name: string) => target[name as keyof RequestHandlers] ?? unexpected }) as RequestHandlers;
  return new BridgeService(handlers, new EventBatcher(), (line) => log.push(line));
}

describe('bridge service', () => {
  it('validates parameters before any handler runs', async () => {
    let called = false;
    const bridge = service({ 'messages.send': () => { called = true; return Promise.reject(new Error('no')); } });
    const reply = await bridge.handle({ type: 'request', id: 1, method: 'messages.send', params: { conversationId: 'one', body: '' } });
    expect(reply).toMatchObject({ type: 'reply', id: 1, ok: false, error: { kind: 'invalid-request' } });
    expect(called).toBe(false);
  });

  it('answers unknown methods and ignores frames that are not requests', async () => {
    const bridge = service({});
    expect(await bridge.handle({ type: 'request', id: 2, method: 'constructor', params: {} }))
      .toMatchObject({ ok: false, error: { kind: 'invalid-request', message: 'Unknown request "constructor".' } });
    expect(await bridge.handle('garbage')).toBeUndefined();
    expect(await bridge.handle({ type: 'request', id: -1, method: 'accounts.list' })).toBeUndefined();
  });

  it('turns faults into their error and anything else into a safe internal error, logged', async () => {
    const log: string[] = [];
    const bridge = service({
      'accounts.list': () => Promise.reject(new BridgeFault({ kind: 'not-found', message: 'gone' })),
      'plugins.list': () => Promise.reject(new TypeError('secret internals')),
    }, log);
    expect(await bridge.handle({ type: 'request', id: 3, method: 'accounts.list', params: {} }))
      .toEqual({ type: 'reply', id: 3, ok: false, error: { kind: 'not-found', message: 'gone' } });
    const reply = await bridge.handle({ type: 'request', id: 4, method: 'plugins.list', params: {} });
    expect(JSON.stringify(reply)).not.toContain('secret internals');
    expect(reply).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(log.join('\n')).toContain('secret internals');
  });

  it('turns the core\'s own errors into bridge errors at its edge, certificate details included', async () => {
    const certificate = { fingerprint256: 'AB:CD', subject: 'irc.example', issuer: 'irc.example', reason: 'DEPTH_ZERO_SELF_SIGNED_CERT' };
    const bridge = service({
      'accounts.list': () => Promise.reject(new CoreError({ kind: 'certificate', message: 'The certificate is not trusted.', certificate })),
      'plugins.list': () => Promise.reject(new AccountOfflineError('alice is not connected.')),
    });
    expect(await bridge.handle({ type: 'request', id: 5, method: 'accounts.list', params: {} }))
      .toEqual({ type: 'reply', id: 5, ok: false, error: { kind: 'certificate', message: 'The certificate is not trusted.', certificate } });
    expect(await bridge.handle({ type: 'request', id: 6, method: 'plugins.list', params: {} }))
      .toEqual({ type: 'reply', id: 6, ok: false, error: { kind: 'network', message: 'alice is not connected.' } });
  });
});

describe('event batcher', () => {
  it('batches events and keeps only the newest snapshot of an account', async () => {
    const batcher = new EventBatcher(5, 1000);
    const batches: unknown[][] = [];
    batcher.subscribe((batch) => batches.push([...batch]));
    const account = (state: 'connecting' | 'online'): Extract<BridgeEvent, { type: 'account.changed' }> => ({ type: 'account.changed', payload: { account: {
      id: 'a', pluginId: 'p', label: 'l', settings: {}, secretsStored: [], enabled: true, state,
    } } });
    batcher.emit(account('connecting'));
    batcher.emit({ type: 'account.removed', payload: { accountId: 'b' } });
    batcher.emit(account('online'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(batches).toEqual([[account('online'), { type: 'account.removed', payload: { accountId: 'b' } }]]);
  });

  it('delivers nothing emitted inside a transaction before it ends, and drops it if the transaction fails', () => {
    const batcher = new EventBatcher(10_000, 2);
    const delivered: string[] = [];
    batcher.subscribe((batch) => delivered.push(...batch.map((e) => (e.type === 'account.removed' ? e.payload.accountId : e.type))));
    const emit = (id: string) => batcher.emit({ type: 'account.removed', payload: { accountId: id } });
    batcher.holdWhile(() => {
      for (const id of ['a', 'b', 'c']) emit(id);
      expect(delivered).toEqual([]);
    });
    expect(delivered).toEqual(['a', 'b', 'c']);
    expect(() => batcher.holdWhile(() => {
      emit('rolled back 1');
      emit('rolled back 2');
      throw new Error('SQLITE_FULL');
    })).toThrow('SQLITE_FULL');
    emit('d');
    batcher.flush();
    expect(delivered).toEqual(['a', 'b', 'c', 'd']);
  });

  it('flushes at once when a batch is full', () => {
    const batcher = new EventBatcher(10_000, 3);
    const sizes: number[] = [];
    batcher.subscribe((batch) => sizes.push(batch.length));
    for (let i = 0; i < 7; i++) batcher.emit({ type: 'account.removed', payload: { accountId: String(i) } });
    expect(sizes).toEqual([3, 3]);
    batcher.flush();
    expect(sizes).toEqual([3, 3, 1]);
  });
});
