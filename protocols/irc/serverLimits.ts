/**
 * Limits a server announces for commands the session uses, read from its ISUPPORT (005)
 * tokens and enabled capabilities each time: 005 arrives after the session starts and a
 * bouncer may send it again.
 */
type Isupport = Readonly<Record<string, unknown>>;

/** The most CHATHISTORY messages asked for in one command, whatever the server allows. */
const CHATHISTORY_CEILING = 1000;
/** CHATHISTORY's limit when the token has no usable number. */
const CHATHISTORY_DEFAULT = 100;

/**
 * ISUPPORT `MONITOR=<limit>`; the token without a value means no limit
 * (https://ircv3.net/specs/extensions/monitor); undefined when the server has no MONITOR.
 */
export function monitorLimit(isupport: Isupport): number | undefined {
  const value = isupport['MONITOR'];
  if (value === undefined) return undefined;
  const number = typeof value === 'string' && value !== '' ? Number(value) : NaN;
  return Number.isInteger(number) && number >= 0 ? number : Infinity;
}

/**
 * How many messages one CHATHISTORY command may ask for when the server supports it (the
 * capability and `CHATHISTORY=<limit>`, https://ircv3.net/specs/extensions/chathistory),
 * else undefined.
 */
export function chathistoryLimit(enabledCaps: readonly string[], isupport: Isupport): number | undefined {
  if (!enabledCaps.includes('draft/chathistory') && !enabledCaps.includes('chathistory')) return undefined;
  const value = isupport['CHATHISTORY'];
  if (value === undefined) return CHATHISTORY_DEFAULT;
  const number = Number(value);
  return Math.min(Number.isFinite(number) && number > 0 ? number : CHATHISTORY_DEFAULT, CHATHISTORY_CEILING);
}
