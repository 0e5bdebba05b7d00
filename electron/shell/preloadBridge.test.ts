import { describe, expect, it } from 'vitest';
import { CHANNEL_CLOSE, CHANNEL_FRAME, CHANNEL_OPEN, CHANNEL_REQUEST } from './ipcChannels.js';
import { createPreloadApi, type IpcRendererLike } from './preloadBridge.js';

type Listener = (event: unknown, ...args: unknown[]) => void;

class FakeIpcRenderer implements IpcRendererLike {
  readonly sent: unknown[][] = [];
  private readonly listeners = new Map<string, Listener[]>();
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  on(channel: string, listener: Listener): void {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
  }
  deliver(channel: string, ...args: unknown[]): void {
    const event = { sender: this, senderId: 0 };
    for (const listener of this.listeners.get(channel) ?? []) listener(event, ...args);
  }
  channels(): string[] {
    return [...this.listeners.keys()];
  }
}

describe('createPreloadApi', () => {
  it('exposes exactly send, onFrame and onClose', () => {
    const api = createPreloadApi(new FakeIpcRenderer());
    expect(Object.keys(api).sort()).toEqual(['onClose', 'onFrame', 'send']);
  });

  it('opens the session once, before the first request, on fixed channels', () => {
    const ipc = new FakeIpcRenderer();
    const api = createPreloadApi(ipc);
    expect(ipc.sent).toEqual([]);
    api.send({ type: 'request', id: 1 });
    api.onFrame(() => undefined);
    api.send({ type: 'request', id: 2 });
    expect(ipc.sent).toEqual([[CHANNEL_OPEN], [CHANNEL_REQUEST, { type: 'request', id: 1 }], [CHANNEL_REQUEST, { type: 'request', id: 2 }]]);
    expect(ipc.channels().sort()).toEqual([CHANNEL_CLOSE, CHANNEL_FRAME].sort());
  });

  it('opens the session when the frame listener is registered', () => {
    const ipc = new FakeIpcRenderer();
    createPreloadApi(ipc).onFrame(() => undefined);
    expect(ipc.sent).toEqual([[CHANNEL_OPEN]]);
  });

  it('delivers only the frame, never the IPC event, and holds frames until there is a listener', () => {
    const ipc = new FakeIpcRenderer();
    const api = createPreloadApi(ipc);
    api.send('hello');
    ipc.deliver(CHANNEL_FRAME, { n: 1 });
    const calls: unknown[][] = [];
    api.onFrame((...args: unknown[]) => calls.push(args));
    ipc.deliver(CHANNEL_FRAME, { n: 2 });
    expect(calls).toEqual([[{ n: 1 }], [{ n: 2 }]]);
  });

  it('reports the close reason, also when it came first', () => {
    const ipc = new FakeIpcRenderer();
    const api = createPreloadApi(ipc);
    ipc.deliver(CHANNEL_CLOSE, 'quitting');
    const reasons: string[] = [];
    api.onClose((reason) => reasons.push(reason));
    ipc.deliver(CHANNEL_CLOSE, 42);
    expect(reasons).toEqual(['quitting', 'bridge closed']);
  });

  it('refuses a second listener', () => {
    const api = createPreloadApi(new FakeIpcRenderer());
    api.onFrame(() => undefined);
    api.onClose(() => undefined);
    expect(() => {
      api.onFrame(() => undefined);
    }).toThrow(/already registered/);
    expect(() => {
      api.onClose(() => undefined);
    }).toThrow(/already registered/);
  });
});
