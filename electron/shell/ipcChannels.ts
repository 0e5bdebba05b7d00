/**
 * The IPC channel names between the preload and the shell's IPC transport, written once.
 * The renderer never sees them: the preload exposes only the `switchboard` object.
 */
/** preload → main: this document opens its bridge session (once per page load). */
export const CHANNEL_OPEN = 'switchboard:bridge-open';
/** preload → main: one request frame, validated by the core session. */
export const CHANNEL_REQUEST = 'switchboard:bridge-request';
/** main → preload: one server frame (a reply or an event batch). */
export const CHANNEL_FRAME = 'switchboard:bridge-frame';
/** main → preload: the bridge closed (the app is quitting); carries a reason string. */
export const CHANNEL_CLOSE = 'switchboard:bridge-close';
