/**
 * WHOX (https://ircv3.net/specs/extensions/whox): after joining a channel, one `WHO` asking
 * for nick, flags and account tells the services account of everyone already there, which
 * extended-join and account-notify only tell for later changes. Our own token keeps the
 * replies apart from irc-framework's (it ignores tokens it did not send).
 */
import type { IrcMessage } from 'irc-framework';
import type { RoomTracker } from './rooms.js';

const TOKEN = '152';
/** No account lookup for bigger channels: a WHO answers with one line per member. */
export const WHOX_MAX_MEMBERS = 1_000;

/** The WHO line: fields t (token), c (channel), n (nick), f (flags), a (account), in that reply order. */
export function whoxAccountsLine(channel: string): string {
  return `WHO ${channel} %tcnfa,${TOKEN}`;
}

export interface WhoxAccount {
  readonly channel: string;
  readonly nick: string;
  /** Undefined when not logged in (`0`). */
  readonly account: string | undefined;
  /** Whether the flags carry the bot mode letter (ISUPPORT BOT, https://ircv3.net/specs/extensions/bot-mode); undefined when the server has none. */
  readonly bot: boolean | undefined;
}

/** An RPL_WHOSPCRPL (354) answering our request, else undefined. */
export function parseWhoxAccount(message: IrcMessage, botLetter: string | undefined): WhoxAccount | undefined {
  if (message.command !== '354') return undefined;
  const [, token, channel, nick, flags = '', account] = message.params;
  if (token !== TOKEN || !channel || !nick || account === undefined) return undefined;
  return {
    channel, nick,
    account: account === '0' || account === '' ? undefined : account,
    bot: botLetter ? flags.includes(botLetter) : undefined,
  };
}

/** Asks once per join and applies the replies to the room tracker. */
export class AccountLookup {
  constructor(
    /** The server's ISUPPORT tokens (WHOX, BOT), read each time: 005 arrives after the session starts. */
    private readonly isupport: () => Readonly<Record<string, unknown>>,
    private readonly send: (line: string) => void,
    private readonly rooms: RoomTracker,
  ) {}

  /** After a join's member list: ask the members' accounts where the server has WHOX. */
  ask(channel: string): void {
    if (this.isupport()['WHOX'] === undefined) return;
    if (this.rooms.takeAccountQuery(channel, WHOX_MAX_MEMBERS)) this.send(whoxAccountsLine(channel));
  }

  onRaw(message: IrcMessage): void {
    const botLetter = this.isupport()['BOT'];
    const reply = parseWhoxAccount(message, typeof botLetter === 'string' && botLetter !== '' ? botLetter : undefined);
    if (!reply) return;
    this.rooms.learned(reply.channel, reply.nick, { account: reply.account ?? null, ...(reply.bot !== undefined ? { bot: reply.bot } : {}) });
  }
}
