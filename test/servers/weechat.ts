/**
 * WeeChat (Debian's weechat-headless, with the fifo plugin from weechat-plugins) as an
 * independent IRC client on the other side of a test: commands go in through its FIFO
 * (https://weechat.org/files/doc/weechat/stable/weechat_user.en.html#fifo), what it shows is
 * read from its logger's files (one per buffer, colours stripped, flushed at once).
 */
import { existsSync } from 'node:fs';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { bareNick, waitForLine, type IrcClientPeer, type LoggedLine } from './ircClientPeer.js';
import { ServerProcess } from './serverProcess.js';

export const WEECHAT_BINARY = '/usr/bin/weechat-headless';
/** WeeChat's name for the IRC server in its buffers: `irc.server.test`, `irc.test.#room`. */
const SERVER = 'test';

/** A WeeChat log line: time, the prefix column (nick, ` *` for an action, `-->` for a join…), text. */
function parse(line: string): LoggedLine {
  const [, prefix = '', ...rest] = line.split('\t');
  const text = rest.join('\t');
  if (prefix.trim() === '*') {
    const space = text.indexOf(' ');
    return { nick: text.slice(0, space), text: text.slice(space + 1), action: true };
  }
  // Events (joins, parts, topic and nick changes) have arrows or dashes in the prefix column.
  return /^[-<>=]+$/.test(prefix.trim()) ? { nick: '', text, action: false } : { nick: bareNick(prefix), text, action: false };
}

export interface WeechatOptions {
  readonly port: number;
  readonly nick: string;
  /** More commands run at start-up, before connecting (`/set xfer.…`). */
  readonly startup?: readonly string[];
}

/** WeeChat as a peer; `raw` types into and reads any buffer by its full name (`xfer.irc_dcc.test.alice`, a DCC chat). */
export interface WeechatPeer extends IrcClientPeer {
  readonly raw: {
    type(fullName: string, input: string): Promise<void>;
    logged(fullName: string): Promise<LoggedLine[]>;
  };
}

export async function startWeechat(options: WeechatOptions): Promise<WeechatPeer> {
  if (!existsSync(WEECHAT_BINARY)) {
    throw new Error(`${WEECHAT_BINARY} is missing: install it with \`apt-get install -y weechat-headless weechat-plugins\` (Debian/Ubuntu, as root).`);
  }
  const home = await mkdtemp(path.join(os.tmpdir(), 'switchboard-weechat-'));
  const fifo = path.join(home, 'fifo');
  const startup = [
    `/set fifo.file.path ${fifo}`,
    '/set fifo.file.enabled on',
    '/set logger.file.flush_delay 0',
    // WeeChat (before 4.0) waits 2 s between lines to the server (its anti-flood); the tests
    // type several lines in a row, and pacing is not what they check.
    '/set irc.server_default.anti_flood_prio_high 0',
    '/set irc.server_default.anti_flood_prio_low 0',
    ...(options.startup ?? []),
    `/server add ${SERVER} 127.0.0.1/${options.port} -notls -nicks=${options.nick} -username=${options.nick}`,
    `/connect ${SERVER}`,
  ].join(';');
  const weechat = new ServerProcess({ command: WEECHAT_BINARY, args: ['--dir', home, '--run-command', startup] });
  const logFile = (buffer: string): string =>
    path.join(home, 'logs', buffer === 'server' ? `irc.server.${SERVER}.weechatlog` : `irc.${SERVER}.${buffer.toLowerCase()}.weechatlog`);
  const loggedFile = async (file: string): Promise<LoggedLine[]> =>
    existsSync(file) ? (await readFile(file, 'utf8')).split('\n').filter(Boolean).map(parse) : [];
  const logged = async (buffer: string): Promise<LoggedLine[]> => {
    const file = logFile(buffer);
    return existsSync(file) ? (await readFile(file, 'utf8')).split('\n').filter(Boolean).map(parse) : [];
  };
  const waitForLogged = (buffer: string, match: (line: LoggedLine) => boolean, timeoutMs = 10_000): Promise<LoggedLine> =>
    waitForLine(() => logged(buffer), match, timeoutMs, () => `WeeChat (${buffer})`);
  /** Type into a buffer as the user would: text is sent, `/…` runs a command. */
  const type = async (buffer: string, input: string): Promise<void> => {
    if (/[\r\n]/.test(input)) throw new Error('one line at a time');
    await appendFile(fifo, `${buffer === 'server' ? `irc.server.${SERVER}` : `irc.${SERVER}.${buffer}`} *${input}\n`);
  };
  const stop = async (): Promise<void> => {
    await weechat.stop(2_000);
    await rm(home, { recursive: true, force: true });
  };
  try {
    // Registered: the welcome (001) is in the server buffer's log, and the FIFO is there.
    await waitForLogged('server', (line) => /Welcome/i.test(line.text), 15_000);
    const deadline = Date.now() + 5_000;
    while (!existsSync(fifo)) {
      if (Date.now() > deadline) throw new Error('WeeChat made no FIFO: is weechat-plugins installed?');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } catch (error: unknown) {
    await stop();
    throw new Error(`${String(error)}\n${weechat.output.slice(-2_000)}`);
  }
  let nick = options.nick;
  return {
    name: 'WeeChat',
    get nick() { return nick; },
    async join(channel) {
      await type('server', `/join ${channel}`);
      await waitForLogged(channel, (line) => line.text.startsWith(`${nick} `) && /has joined/.test(line.text));
    },
    say: (target, text) => type(target, text),
    act: (target, text) => type(target, `/me ${text}`),
    query: (other, text) => type('server', `/query ${other} ${text}`),
    setTopic: (channel, topic) => type(channel, `/topic ${topic}`),
    async changeNick(next) {
      await type('server', `/nick ${next}`);
      nick = next;
    },
    logged,
    waitForLogged,
    stop,
    raw: {
      async type(fullName, input) {
        if (/[\r\n]/.test(input)) throw new Error('one line at a time');
        await appendFile(fifo, `${fullName} *${input}\n`);
      },
      logged: (fullName) => loggedFile(path.join(home, 'logs', `${fullName.toLowerCase()}.weechatlog`)),
    },
  };
}
