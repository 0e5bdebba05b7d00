/**
 * What a transport needs from the core: open a session per connected UI (a WebSocket, an
 * Electron window), feed it the frames the UI sent, and deliver the frames the session
 * produces. The transports (headless WebSocket, Electron IPC) know nothing else.
 */
import type { ServerFrame } from '../../bridge/frames.js';

export interface BridgeSession {
  /** A frame from the UI, not yet validated (the session validates it). */
  receive(frame: unknown): void;
  /** The UI went away: stop sending to it. */
  close(): void;
}

export interface BridgeEndpoint {
  /** Opens a session; `send` delivers replies and event batches to that UI. */
  openSession(send: (frame: ServerFrame) => void): BridgeSession;
}
