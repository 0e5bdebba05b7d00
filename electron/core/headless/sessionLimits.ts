/**
 * How much one browser tab (or script) may cost headless mode, and the WebSocket close
 * codes it hears when it goes over. 4000–4999 are for applications (RFC 6455 §7.4.2);
 * 1009 is the standard "message too big" (§7.4.1).
 */
export interface HeadlessLimits {
  /** Replies and events waiting to go out to one client; over this the session is closed. */
  readonly maxBacklogBytes: number;
  /** Requests of one session the core is still working on; more are answered "rate-limited". */
  readonly maxInFlight: number;
  /** Open bridge WebSockets (tabs, scripts); more are refused with 503. */
  readonly maxSessions: number;
  /** TCP connections of any kind, so half-open and slow connections cannot pile up. */
  readonly maxConnections: number;
  /** One WebSocket frame from a client; more closes it with 1009. */
  readonly maxFrameBytes: number;
  /** A ping goes out this often; a peer that has not answered the previous one is dropped. */
  readonly pingIntervalMs: number;
  /** After a close frame, how long a peer gets to answer before the socket is cut. */
  readonly closeGraceMs: number;
  /** A request's header must be complete within this. */
  readonly headersTimeoutMs: number;
  /** A whole HTTP request (header and body) must arrive within this. */
  readonly requestTimeoutMs: number;
}

export const HEADLESS_LIMITS: HeadlessLimits = {
  maxBacklogBytes: 8 * 1024 * 1024,
  maxInFlight: 64,
  maxSessions: 16,
  maxConnections: 64,
  maxFrameBytes: 1024 * 1024,
  pingIntervalMs: 30_000,
  closeGraceMs: 5_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
};

export const CLOSE_CODES = {
  /** The client did not read what was sent to it (a stalled tab, a script that never reads). */
  sendBacklogFull: 4001,
  /** The server is stopping (RFC 6455 §7.4.1 "going away"). */
  goingAway: 1001,
} as const;

export const CLOSE_REASONS = {
  sendBacklogFull: 'Switchboard closed this connection: the page was not reading what it was sent. Reload to continue.',
  goingAway: 'Switchboard is stopping.',
} as const;
