import { describe, expect, it, vi } from 'vitest';
import { PreloadHub, bridgeSocketUrl, findPreloadBridge, webSocketTransport, type SocketLike } from './transports.js';

describe('bridgeSocketUrl', () => {
  it('puts the bridge next to the page, under its secret path', () => {
    expect(bridgeSocketUrl('http://127.0.0.1:4321/s3cr3t/')).toBe('ws://127.0.0.1:4321/s3cr3t/bridge');
    expect(bridgeSocketUrl('https://home.example/s3cr3t/index.html?x=1#y')).toBe('wss://home.example/s3cr3t/bridge');
  });
});

describe('findPreloadBridge', () => {
  it('accepts only an object with the three functions', () => {
    const bridge = { send: () => undefined, onFrame: () => undefined, onClose: () => undefined };
    expect(findPreloadBridge({ switchboard: bridge })).toBe(bridge);
    expect(findPreloadBridge({})).toBeUndefined();
    expect(findPreloadBridge({ switchboard: { send: () => undefined } })).toBeUndefined();
  });
});

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  private listeners = new Map<string, ((event: never) => void)[]>();
  send(data: string): void { this.sent.push(data); }
  close = vi.fn();
  addEventListener(type: string, listener: (event: never) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  fire(type: string, event: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) (listener as (event: unknown) => void)(event);
  }
}

describe('webSocketTransport', () => {
  it('queues requests until open, parses JSON frames and reports the close once', () => {
    const socket = new FakeSocket();
    const transport = webSocketTransport(socket);
    const frames: unknown[] = [];
    const closes: string[] = [];
    transport.onFrame((frame) => frames.push(frame));
    transport.onClose((reason) => closes.push(reason));
    transport.send({ type: 'request', id: 1, method: 'accounts.list', params: {} });
    expect(socket.sent).toEqual([]);
    socket.readyState = 1;
    socket.fire('open', {});
    expect(socket.sent).toEqual(['{"type":"request","id":1,"method":"accounts.list","params":{}}']);
    socket.fire('message', { data: '{"type":"events","events":[]}' });
    socket.fire('message', { data: 'not json' });
    expect(frames).toEqual([{ type: 'events', events: [] }]);
    socket.fire('close', { code: 1006, reason: '' });
    socket.fire('close', { code: 1006, reason: '' });
    expect(closes).toEqual(['connection closed (1006)']);
  });
});

describe('PreloadHub', () => {
  it('registers with the preload once and routes to the current link only', () => {
    let frameListener: ((frame: unknown) => void) | undefined;
    let closeListener: ((reason: string) => void) | undefined;
    const sent: unknown[] = [];
    const hub = new PreloadHub({
      send: (frame) => sent.push(frame),
      onFrame: (listener) => { if (frameListener) throw new Error('twice'); frameListener = listener; },
      onClose: (listener) => { if (closeListener) throw new Error('twice'); closeListener = listener; },
    });
    const first = hub.connect();
    const firstFrames: unknown[] = [];
    const firstCloses: string[] = [];
    first.onFrame((frame) => firstFrames.push(frame));
    first.onClose((reason) => firstCloses.push(reason));
    frameListener?.('a');
    closeListener?.('gone');
    expect(firstFrames).toEqual(['a']);
    expect(firstCloses).toEqual(['gone']);
    const second = hub.connect();
    const secondFrames: unknown[] = [];
    second.onFrame((frame) => secondFrames.push(frame));
    first.send({ type: 'request', id: 1, method: 'accounts.list', params: {} });
    second.send({ type: 'request', id: 2, method: 'accounts.list', params: {} });
    frameListener?.('b');
    expect(sent).toEqual([{ type: 'request', id: 2, method: 'accounts.list', params: {} }]);
    expect(firstFrames).toEqual(['a']);
    expect(secondFrames).toEqual(['b']);
  });
});
