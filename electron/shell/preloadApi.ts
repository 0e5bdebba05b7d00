/**
 * The one object the preload exposes to the renderer, as `window.switchboard`. Its shape
 * matches the bridge client's transport (electron/bridge/client.ts, BridgeTransport).
 */
export const PRELOAD_GLOBAL_NAME = 'switchboard';

export interface SwitchboardPreloadApi {
  /** Sends one request frame to the core. */
  send(frame: unknown): void;
  /** Registers the one listener for frames from the core; a second call throws. */
  onFrame(listener: (frame: unknown) => void): void;
  /** Registers the one listener for the bridge closing; a second call throws. */
  onClose(listener: (reason: string) => void): void;
}
