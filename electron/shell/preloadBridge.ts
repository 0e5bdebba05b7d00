/**
 * The preload's bridge object, built over an injected ipcRenderer so it can be tested in
 * plain Node. It is the only thing the renderer gets: frames in and out on fixed channels,
 * never ipcRenderer itself, never a channel name chosen by the page, never the IPC event
 * (whose `sender` is ipcRenderer).
 *
 * One session per document: the first `send` or `onFrame` tells the shell to open the
 * bridge session (CHANNEL_OPEN), and frames that arrive before `onFrame` are held.
 */
import { CHANNEL_CLOSE, CHANNEL_FRAME, CHANNEL_OPEN, CHANNEL_REQUEST } from './ipcChannels.js';
import type { SwitchboardPreloadApi } from './preloadApi.js';

/** The parts of Electron's ipcRenderer the preload uses. */
export interface IpcRendererLike {
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createPreloadApi(ipc: IpcRendererLike): SwitchboardPreloadApi {
  let opened = false;
  let frameListener: ((frame: unknown) => void) | undefined;
  let closeListener: ((reason: string) => void) | undefined;
  const heldFrames: unknown[] = [];
  let closedReason: string | undefined;

  const open = (): void => {
    if (opened) return;
    opened = true;
    ipc.send(CHANNEL_OPEN);
  };

  ipc.on(CHANNEL_FRAME, (_event, ...args) => {
    const [frame] = args;
    if (frameListener) frameListener(frame);
    else heldFrames.push(frame);
  });
  ipc.on(CHANNEL_CLOSE, (_event, ...args) => {
    const [reason] = args;
    const text = typeof reason === 'string' ? reason : 'bridge closed';
    if (closeListener) closeListener(text);
    else closedReason = text;
  });

  return {
    send(frame: unknown): void {
      open();
      ipc.send(CHANNEL_REQUEST, frame);
    },
    onFrame(listener: (frame: unknown) => void): void {
      if (frameListener) throw new Error('switchboard.onFrame: a frame listener is already registered');
      frameListener = listener;
      for (const frame of heldFrames.splice(0)) listener(frame);
      open();
    },
    onClose(listener: (reason: string) => void): void {
      if (closeListener) throw new Error('switchboard.onClose: a close listener is already registered');
      closeListener = listener;
      if (closedReason !== undefined) listener(closedReason);
    },
  };
}
