/** What WeeChat's and irssi's IRC logs share: IRC names and how they become Switchboard's ids. */
import type { AccountHint, ConversationHint } from './importSources.js';

/** RFC 1459 case mapping (the IRC plugin's ircLower): A-Z and []\~ fold to a-z and {}|^. */
export function ircLower(name: string): string {
  return name.replace(/[A-Z[\]\\~]/g, (c) => ({ '[': '{', ']': '}', '\\': '|', '~': '^' })[c] ?? c.toLowerCase());
}

/** A channel starts with one of the RFC 2811 prefixes; anything else is a private chat. */
export function ircConversation(target: string): ConversationHint {
  return { networkId: ircLower(target), kind: /^[#&!+]/.test(target) ? 'room' : 'direct', title: target };
}

/** The network as the program named it ("libera"): matched against the host of an IRC account (accountIdentity.ts). */
export function ircAccount(network: string): AccountHint {
  return { pluginId: 'irc', identity: `@${network.toLowerCase()}` };
}

/** A nick as written in a log line, without its channel mode prefix (@op, +voice, %halfop, ~owner, &admin). */
export function bareNick(written: string): string {
  return written.replace(/^[@+%~&!]+/, '').trim();
}
