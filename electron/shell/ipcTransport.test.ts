import { describe, expect, it } from 'vitest';
import type { ServerFrame } from '../bridge/frames.js';
import type { BridgeEndpoint, BridgeSession } from '../core/bridge/bridgeSession.js';
import { APP_ENTRY_URL, APP_ORIGIN } from './appOrigin.js';
import { CHANNEL_CLOSE, CHANNEL_FRAME, CHANNEL_OPEN, CHANNEL_REQUEST } from './ipcChannels.js';
import { startIpcTransport, type IpcEventLike, type IpcMainLike, type WebContentsLike } from './ipcTransport.js';

type Listener = (event: IpcEventLike, ...args: unknown[]) => void;

class FakeIpcMain implements IpcMainLike {
  readonly listeners = new Map<string, Listener[]>();
  on(channel: string, listener: Listener): void {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
  }
  removeListener(channel: string, listener: Listener): void {
    this.listeners.set(
      channel,
      (this.listeners.get(channel) ?? []).filter((l) => l !== listener),
    );
  }
  emit(channel: string, event: IpcEventLike, ...args: unknown[]): void {
    for (const listener of this.listeners.get(channel) ?? []) listener(event, ...args);
  }
}

class FakeWebContents implements WebContentsLike {
  readonly sent: unknown[][] = [];
  destroyed = false;
  private readonly onDestroyed: (() => void)[] = [];
  constructor(readonly id: number) {}
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  once(_event: 'destroyed', listener: () => void): void {
    this.onDestroyed.push(listener);
  }
  destroy(): void {
    this.destroyed = true;
    for (const listener of this.onDestroyed.splice(0)) listener();
  }
}

interface FakeSession extends BridgeSession {
  readonly received: unknown[];
  closed: boolean;
  readonly send: (frame: ServerFrame) => void;
}

function fakeBridge(): BridgeEndpoint & { readonly sessions: FakeSession[] } {
  const sessions: FakeSession[] = [];
  return {
    sessions,
    openSession(send) {
      const session: FakeSession = {
        received: [],
        closed: false,
        send,
        receive(frame) {
          this.received.push(frame);
        },
        close() {
          this.closed = true;
        },
      };
      sessions.push(session);
      return session;
    },
  };
}

const appFrame = { origin: APP_ORIGIN, url: APP_ENTRY_URL };
const evilFrame = { origin: 'https://evil.example', url: 'https://evil.example/' };
const reply: ServerFrame = { type: 'reply', id: 1, ok: true, value: null };

function setup() {
  const ipcMain = new FakeIpcMain();
  const bridge = fakeBridge();
  const logs: string[] = [];
  const transport = startIpcTransport({ ipcMain, bridge, log: (line) => logs.push(line) });
  return { ipcMain, bridge, logs, transport };
}

describe('startIpcTransport', () => {
  it('opens a session per page, passes requests in and frames out', () => {
    const { ipcMain, bridge } = setup();
    const contents = new FakeWebContents(7);
    ipcMain.emit(CHANNEL_OPEN, { sender: contents, senderFrame: appFrame });
    ipcMain.emit(CHANNEL_REQUEST, { sender: contents, senderFrame: appFrame }, { type: 'request', id: 1, method: 'x', params: {} });
    expect(bridge.sessions).toHaveLength(1);
    const [session] = bridge.sessions;
    expect(session?.received).toEqual([{ type: 'request', id: 1, method: 'x', params: {} }]);
    session?.send(reply);
    expect(contents.sent).toEqual([[CHANNEL_FRAME, reply]]);
  });

  it('drops messages from any other origin, and from frames that are gone', () => {
    const { ipcMain, bridge, logs } = setup();
    const contents = new FakeWebContents(1);
    ipcMain.emit(CHANNEL_OPEN, { sender: contents, senderFrame: evilFrame });
    ipcMain.emit(CHANNEL_OPEN, { sender: contents, senderFrame: null });
    expect(bridge.sessions).toHaveLength(0);

    ipcMain.emit(CHANNEL_OPEN, { sender: contents, senderFrame: appFrame });
    ipcMain.emit(CHANNEL_REQUEST, { sender: contents, senderFrame: evilFrame }, { evil: true });
    expect(bridge.sessions[0]?.received).toEqual([]);
    expect(logs.filter((line) => line.includes('untrusted'))).toHaveLength(3);
  });

  it('drops requests that come before the session is opened', () => {
    const { ipcMain, bridge, logs } = setup();
    ipcMain.emit(CHANNEL_REQUEST, { sender: new FakeWebContents(2), senderFrame: appFrame }, {});
    expect(bridge.sessions).toHaveLength(0);
    expect(logs.some((line) => line.includes('before its session was opened'))).toBe(true);
  });

  it('replaces the session when the page reloads, and silences the old one', () => {
    const { ipcMain, bridge } = setup();
    const contents = new FakeWebContents(3);
    ipcMain.emit(CHANNEL_OPEN, { sender: contents, senderFrame: appFrame });
    ipcMain.emit(CHANNEL_OPEN, { sender: contents, senderFrame: appFrame });
    const [first, second] = bridge.sessions;
    expect(first?.closed).toBe(true);
    expect(second?.closed).toBe(false);
    first?.send(reply);
    expect(contents.sent).toEqual([]);
    second?.send(reply);
    expect(contents.sent).toEqual([[CHANNEL_FRAME, reply]]);
  });

  it('keeps pages apart', () => {
    const { ipcMain, bridge } = setup();
    const a = new FakeWebContents(10);
    const b = new FakeWebContents(11);
    ipcMain.emit(CHANNEL_OPEN, { sender: a, senderFrame: appFrame });
    ipcMain.emit(CHANNEL_OPEN, { sender: b, senderFrame: appFrame });
    ipcMain.emit(CHANNEL_REQUEST, { sender: b, senderFrame: appFrame }, 'for b');
    expect(bridge.sessions.map((s) => s.received)).toEqual([[], ['for b']]);
    bridge.sessions[0]?.send(reply);
    expect(a.sent).toHaveLength(1);
    expect(b.sent).toHaveLength(0);
  });

  it('closes the session when the webContents is destroyed and stops sending to it', () => {
    const { ipcMain, bridge } = setup();
    const contents = new FakeWebContents(4);
    ipcMain.emit(CHANNEL_OPEN, { sender: contents, senderFrame: appFrame });
    contents.destroy();
    expect(bridge.sessions[0]?.closed).toBe(true);
    bridge.sessions[0]?.send(reply);
    expect(contents.sent).toEqual([]);
  });

  it('on close, closes every session, tells each live page why, and stops listening', () => {
    const { ipcMain, bridge, transport } = setup();
    const live = new FakeWebContents(5);
    const dead = new FakeWebContents(6);
    ipcMain.emit(CHANNEL_OPEN, { sender: live, senderFrame: appFrame });
    ipcMain.emit(CHANNEL_OPEN, { sender: dead, senderFrame: appFrame });
    dead.destroyed = true;
    transport.close('quitting');
    expect(bridge.sessions.every((s) => s.closed)).toBe(true);
    expect(live.sent).toEqual([[CHANNEL_CLOSE, 'quitting']]);
    expect(dead.sent).toEqual([]);
    expect([...ipcMain.listeners.values()].flat()).toHaveLength(0);
  });
});
