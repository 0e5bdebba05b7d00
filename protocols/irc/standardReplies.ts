/**
 * Standard replies (https://ircv3.net/specs/extensions/standard-replies):
 * `FAIL|WARN|NOTE <command> <code> [<context>…] :<description>`. Those that refuse a
 * message of ours are tied to it (refusals.ts) and CHATHISTORY's to its request
 * (history.ts); the rest are told on the server console in words, never as raw lines.
 */
import type { IrcMessage } from 'irc-framework';
import { stripFormatting } from './formatting.js';

const KINDS = new Set(['FAIL', 'WARN', 'NOTE']);

/**
 * What a standard reply says, for the server console; undefined for any other line and for
 * CHATHISTORY's, which fail the history request they answer instead.
 */
export function describeStandardReply(message: IrcMessage): string | undefined {
  if (!KINDS.has(message.command) || message.params[0] === 'CHATHISTORY') return undefined;
  const [command = '*', code = '', ...rest] = message.params;
  const description = stripFormatting(rest.at(-1) ?? '').trim() || code.replace(/_/g, ' ').toLowerCase() || 'no reason given';
  // `*` means the reply belongs to no particular command.
  const about = command === '*' ? '' : ` ${command.toUpperCase()}`;
  switch (message.command) {
    case 'FAIL': return `The server refused${about}: ${description}`;
    case 'WARN': return `Warning from the server${about ? ` about${about}` : ''}: ${description}`;
    default: return description;
  }
}
