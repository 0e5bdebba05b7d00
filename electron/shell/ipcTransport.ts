/**
 * The Electron IPC transport of the bridge: one core bridge session per page load of a
 * webContents, fed only by frames from our own origin. It knows nothing of the frames'
 * meaning; the core session validates them (electron/core/bridge/bridgeSession.ts).
 *
 * Written against the few parts of ipcMain and webContents it uses, so it runs in plain
 * Node tests without Electron.
 */
import type { BridgeEndpoint, BridgeSession } from '../core/bridge/bridgeSession.js';
import { isAppSenderFrame, type SenderFrameLike } from './appOrigin.js';
import { CHANNEL_CLOSE, CHANNEL_FRAME, CHANNEL_OPEN, CHANNEL_REQUEST } from './ipcChannels.js';

export interface WebContentsLike {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
}

export interface IpcEventLike {
  readonly sender: WebContentsLike;
  /** Null when the frame navigated or was destroyed before the message was handled. */
  readonly senderFrame: SenderFrameLike | null;
}

type IpcListener = (event: IpcEventLike, ...args: unknown[]) => void;

export interface IpcMainLike {
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}

export interface IpcTransportOptions {
  readonly ipcMain: IpcMainLike;
  readonly bridge: BridgeEndpoint;
  /** Defaults to "the frame is on app://switchboard". */
  readonly isTrustedSender?: (frame: SenderFrameLike | null) => boolean;
  readonly log?: (line: string) => void;
}

export interface IpcTransport {
  /** Closes every session, tells each page why, and stops listening. */
  close(reason: string): void;
}

interface Connection {
  readonly contents: WebContentsLike;
  readonly session: BridgeSession;
}

export function startIpcTransport(options: IpcTransportOptions): IpcTransport {
  const { ipcMain, bridge } = options;
  const isTrusted = options.isTrustedSender ?? isAppSenderFrame;
  const log = options.log ?? ((): void => undefined);
  const connections = new Map<number, Connection>();

  const trusted = (event: IpcEventLike, channel: string): boolean => {
    if (isTrusted(event.senderFrame)) return true;
    log(`ipc: dropped ${channel} from untrusted frame ${event.senderFrame?.url ?? '(gone)'} of webContents ${event.sender.id}`);
    return false;
  };

  const closeConnection = (id: number): void => {
    const connection = connections.get(id);
    if (!connection) return;
    connections.delete(id);
    connection.session.close();
  };

  const openConnection = (contents: WebContentsLike): void => {
    const previous = connections.get(contents.id);
    if (previous) {
      // The page reloaded: the old document's session is gone with it.
      closeConnection(contents.id);
    } else {
      contents.once('destroyed', () => {
        closeConnection(contents.id);
      });
    }
    const session = bridge.openSession((frame) => {
      if (connections.get(contents.id)?.session !== session || contents.isDestroyed()) return;
      contents.send(CHANNEL_FRAME, frame);
    });
    connections.set(contents.id, { contents, session });
  };

  const onOpen: IpcListener = (event) => {
    if (!trusted(event, CHANNEL_OPEN)) return;
    openConnection(event.sender);
  };

  const onRequest: IpcListener = (event, ...args) => {
    if (!trusted(event, CHANNEL_REQUEST)) return;
    const connection = connections.get(event.sender.id);
    if (!connection) {
      log(`ipc: dropped a request from webContents ${event.sender.id} before its session was opened`);
      return;
    }
    const [frame] = args;
    connection.session.receive(frame);
  };

  ipcMain.on(CHANNEL_OPEN, onOpen);
  ipcMain.on(CHANNEL_REQUEST, onRequest);

  return {
    close(reason: string): void {
      ipcMain.removeListener(CHANNEL_OPEN, onOpen);
      ipcMain.removeListener(CHANNEL_REQUEST, onRequest);
      for (const [id, { contents }] of [...connections]) {
        closeConnection(id);
        if (!contents.isDestroyed()) contents.send(CHANNEL_CLOSE, reason);
      }
    },
  };
}
