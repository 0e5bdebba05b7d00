/**
 * The two ways to reach the core: the Electron preload's `window.switchboard`, or (headless
 * mode) a WebSocket next to the page. Both move JSON-able frames and know nothing of them.
 */
import type { BridgeTransport } from '../../electron/bridge/client.js';
import type { RequestFrame } from '../../electron/bridge/frames.js';
import { i18n } from '../i18n/index.js';

/** A transport the session can close and listen to as well as the client. */
export interface SessionTransport extends BridgeTransport {
  close(): void;
}

/** What the Electron preload exposes through contextBridge. */
export interface PreloadBridge {
  send(frame: unknown): void;
  onFrame(listener: (frame: unknown) => void): void;
  onClose(listener: (reason: string) => void): void;
}

function isFunction(value: unknown): value is (...args: never[]) => unknown {
  return typeof value === 'function';
}

/** The preload bridge if this page runs in the Electron shell. */
export function findPreloadBridge(host: object): PreloadBridge | undefined {
  const candidate: unknown = Reflect.get(host, 'switchboard');
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  const send: unknown = Reflect.get(candidate, 'send');
  const onFrame: unknown = Reflect.get(candidate, 'onFrame');
  const onClose: unknown = Reflect.get(candidate, 'onClose');
  if (!isFunction(send) || !isFunction(onFrame) || !isFunction(onClose)) return undefined;
  return candidate as PreloadBridge;
}

/** `http://host/<token>/` → `ws://host/<token>/bridge` (and https → wss). */
export function bridgeSocketUrl(pageHref: string): string {
  const url = new URL('bridge', pageHref);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.hash = '';
  url.search = '';
  return url.toString();
}

/** Fans the one listener slot of each kind out to several listeners. */
class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();
  add(listener: (value: T) => void): void { this.set.add(listener); }
  emit(value: T): void { for (const listener of this.set) listener(value); }
  clear(): void { this.set.clear(); }
}

/**
 * The preload can register listeners but never unregister them, so it is wrapped once
 * per page: each session transport attaches to it and is detached when closed.
 */
export class PreloadHub {
  private current: { frame: Listeners<unknown>; close: Listeners<string> } | null = null;

  constructor(bridge: PreloadBridge, private readonly preloadSend: (frame: unknown) => void = (frame) => bridge.send(frame)) {
    bridge.onFrame((frame) => this.current?.frame.emit(frame));
    bridge.onClose((reason) => {
      const current = this.current;
      this.current = null;
      current?.close.emit(reason);
    });
  }

  connect(): SessionTransport {
    const frame = new Listeners<unknown>();
    const close = new Listeners<string>();
    const link = { frame, close };
    this.current = link;
    const send = this.preloadSend;
    return {
      send: (request: RequestFrame) => { if (this.current === link) send(request); },
      onFrame: (listener) => frame.add(listener),
      onClose: (listener) => close.add(listener),
      close: () => {
        if (this.current !== link) return;
        this.current = null;
        close.emit('closed');
      },
    };
  }
}

/** The minimum of the WebSocket API used here (so tests can hand in a fake). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (event: { code: number; reason: string }) => void): void;
}

const OPEN = 1;

/** JSON text frames over a WebSocket; requests made before the socket opens wait for it. */
export function webSocketTransport(socket: SocketLike): SessionTransport {
  const frames = new Listeners<unknown>();
  const closes = new Listeners<string>();
  const queue: string[] = [];
  let closed = false;
  socket.addEventListener('open', () => {
    for (const text of queue.splice(0)) socket.send(text);
  });
  socket.addEventListener('message', (event) => {
    if (typeof event.data !== 'string') return;
    let frame: unknown;
    try {
      frame = JSON.parse(event.data);
    } catch {
      console.warn('bridge: dropped a frame that is not JSON');
      return;
    }
    frames.emit(frame);
  });
  const finish = (reason: string): void => {
    if (closed) return;
    closed = true;
    closes.emit(reason);
    frames.clear();
    closes.clear();
  };
  socket.addEventListener('close', (event) => finish(event.reason || i18n.t('uploadErrors.closed', { code: event.code })));
  return {
    send: (frame) => {
      const text = JSON.stringify(frame);
      if (socket.readyState === OPEN) socket.send(text);
      else queue.push(text);
    },
    onFrame: (listener) => frames.add(listener),
    onClose: (listener) => closes.add(listener),
    close: () => {
      socket.close();
      finish('closed');
    },
  };
}

/** Picks the transport for this page: the preload when present, else a WebSocket. */
export function chooseTransport(host: Window): () => SessionTransport {
  const preload = findPreloadBridge(host);
  if (preload) {
    const hub = new PreloadHub(preload);
    return () => hub.connect();
  }
  const url = bridgeSocketUrl(host.location.href);
  return () => webSocketTransport(new WebSocket(url));
}
