import { describe, expect, it } from 'vitest';
import type { Disposable } from './disposable.js';
import { EventHub } from './eventHub.js';

interface TestEvents {
  readonly 'account.online': { readonly accountId: string };
  readonly 'account.offline': { readonly accountId: string };
}

describe('EventHub', () => {
  it('calls the listeners of one event type only, in the order they subscribed', () => {
    const hub = new EventHub<TestEvents>();
    const heard: string[] = [];
    hub.on('account.online', ({ accountId }) => heard.push(`first ${accountId}`));
    hub.on('account.offline', ({ accountId }) => heard.push(`offline ${accountId}`));
    hub.on('account.online', ({ accountId }) => heard.push(`second ${accountId}`));
    hub.emit('account.online', { accountId: 'a1' });
    expect(heard).toEqual(['first a1', 'second a1']);
  });

  it('stops calling a listener once its subscription is disposed, and keeps no empty entry', () => {
    const hub = new EventHub<TestEvents>();
    const heard: string[] = [];
    const subscription = hub.on('account.online', ({ accountId }) => heard.push(accountId));
    hub.emit('account.online', { accountId: 'before' });
    void subscription.dispose();
    hub.emit('account.online', { accountId: 'after' });
    expect(heard).toEqual(['before']);
    expect(hub.listenerCount()).toBe(0);
  });

  it('lets a listener unsubscribe another while an event is delivered: that one still hears this event', () => {
    const hub = new EventHub<TestEvents>();
    const heard: string[] = [];
    const subscriptions: Disposable[] = [];
    hub.on('account.online', () => {
      heard.push('first');
      for (const subscription of subscriptions) void subscription.dispose();
    });
    subscriptions.push(hub.on('account.online', () => heard.push('second')));
    hub.emit('account.online', { accountId: 'a' });
    hub.emit('account.online', { accountId: 'b' });
    expect(heard).toEqual(['first', 'second', 'first']);
  });

  it('passes a listener\'s error to the emitter (a failed write fails the batch that emitted it)', () => {
    const hub = new EventHub<TestEvents>();
    hub.on('account.offline', () => {
      throw new Error('disk full');
    });
    expect(() => hub.emit('account.offline', { accountId: 'a' })).toThrow('disk full');
  });
});
