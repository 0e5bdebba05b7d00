import { describe, expect, it } from 'vitest';
import { DisposableStore, disposableTimeout, toDisposable } from './disposable.js';

describe('DisposableStore', () => {
  it('releases newest first, each once, awaiting async releases before the next', async () => {
    const order: string[] = [];
    const store = new DisposableStore();
    store.defer(() => void order.push('database'));
    store.defer(async () => {
      await new Promise((resolve) => setImmediate(resolve));
      order.push('workers');
    });
    store.defer(() => void order.push('listeners'));
    await Promise.all([store.dispose(), store.dispose()]);
    expect(order).toEqual(['listeners', 'workers', 'database']);
    expect(store.isDisposed).toBe(true);
  });

  it('releases the others when one throws, then reports the error', async () => {
    const released: string[] = [];
    const store = new DisposableStore();
    store.defer(() => void released.push('first'));
    store.defer(() => {
      throw new Error('broken release');
    });
    store.defer(() => void released.push('last'));
    await expect(store.dispose()).rejects.toThrow('broken release');
    expect(released).toEqual(['last', 'first']);
  });

  it('releases at once what is added after it was disposed', async () => {
    const store = new DisposableStore();
    await store.dispose();
    let released = false;
    store.defer(() => {
      released = true;
    });
    expect(released).toBe(true);
  });

  it('a disposable releases once, however often it is disposed', () => {
    let count = 0;
    const item = toDisposable(() => {
      count++;
    });
    void item.dispose();
    void item.dispose();
    expect(count).toBe(1);
  });

  it('a disposed timeout never runs', async () => {
    let ran = false;
    const timer = disposableTimeout(() => {
      ran = true;
    }, 1);
    void timer.dispose();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ran).toBe(false);
  });
});
