/**
 * The app's own origin. The built renderer is served from a privileged custom scheme
 * (`app://switchboard/…`) rather than file://, so the page has a real origin that CSP,
 * navigation checks and the IPC sender check can name.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'switchboard';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True for any URL on the app's origin (`app://switchboard/...`), false for anything unparsable. */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // Node's URL gives non-special schemes an opaque origin ("null"), so compare the parts.
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}

/** The parts of Electron's WebFrameMain the sender check reads. */
export interface SenderFrameLike {
  readonly url: string;
  readonly origin: string;
}

/**
 * Whether an IPC message comes from our own page. `senderFrame` is null when the frame
 * navigated away or was destroyed before the message was handled: not trusted.
 */
export function isAppSenderFrame(frame: SenderFrameLike | null | undefined): boolean {
  if (!frame) return false;
  return frame.origin === APP_ORIGIN && isAppUrl(frame.url);
}
