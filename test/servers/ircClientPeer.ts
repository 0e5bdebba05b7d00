/**
 * A real IRC client (WeeChat, irssi) driven as the other party of a test: what the user of
 * that client would type, and what it shows, read from its own log files.
 */

/** One line a client logged: a message, an action (/me), or an event such as a join. */
export interface LoggedLine {
  /** Who said it, without a mode prefix (@, +…); empty for events. */
  readonly nick: string;
  readonly text: string;
  readonly action: boolean;
}

export interface IrcClientPeer {
  /** The client's name, for test titles. */
  readonly name: string;
  readonly nick: string;
  /** Join a channel; resolves when the client shows itself joined. */
  join(channel: string): Promise<void>;
  say(target: string, text: string): Promise<void>;
  /** /me in a channel or private chat. */
  act(target: string, text: string): Promise<void>;
  /** Open a private chat with `nick` and say `text` in it. */
  query(nick: string, text: string): Promise<void>;
  setTopic(channel: string, topic: string): Promise<void>;
  changeNick(nick: string): Promise<void>;
  /** What the client logged for a channel or nick, oldest first. */
  logged(target: string): Promise<LoggedLine[]>;
  waitForLogged(target: string, match: (line: LoggedLine) => boolean, timeoutMs?: number): Promise<LoggedLine>;
  stop(): Promise<void>;
}

/** A nick without the channel-mode prefix clients show before it. */
export function bareNick(shown: string): string {
  return shown.trim().replace(/^[~&@%+]+/, '');
}

/** Poll `logged` until a line matches; the error shows what was logged. */
export async function waitForLine(
  logged: () => Promise<LoggedLine[]>, match: (line: LoggedLine) => boolean, timeoutMs: number, describe: () => string,
): Promise<LoggedLine> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lines = await logged();
    const found = lines.find(match);
    if (found) return found;
    if (Date.now() > deadline) {
      throw new Error(`${describe()} did not log the line looked for; it logged:\n${lines.map((l) => `${l.action ? '* ' : ''}${l.nick} | ${l.text}`).join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
