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
import { ServerProcess } from './serverProcess.js';

export const WEECHAT_BINARY = '/usr/bin/weechat-headless';
/** WeeChat's name for the IRC server in its buffers: `irc.server.test`, `irc.test.#room`. */
const SERVER = 'test';

export interface WeechatPeer {
  readonly nick: string;
  /**
   * Type `input` into a buffer, as the user would: text is sent as a message, `/…` runs a
   * command. `buffer` is `server` for the server buffer, else a channel or nick.
   */
  type(buffer: string, input: string): Promise<void>;
  /** The lines WeeChat logged in a buffer (channel or nick), as [nick column, message]. */
  logged(buffer: string): Promise<Array<[string, string]>>;
  /** Wait until a logged line of `buffer` matches. */
  waitForLogged(buffer: string, match: (nick: string, text: string) => boolean, timeoutMs?: number): Promise<[string, string]>;
  stop(): Promise<void>;
}

export async function startWeechat(options: { readonly port: number; readonly nick: string }): Promise<WeechatPeer> {
  if (!existsSync(WEECHAT_BINARY)) {
    throw new Error(`${WEECHAT_BINARY} is missing: install it with \`apt-get install -y weechat-headless weechat-plugins\` (Debian/Ubuntu, as root).`);
  }
  const home = await mkdtemp(path.join(os.tmpdir(), 'switchboard-weechat-'));
  const fifo = path.join(home, 'fifo');
  const startup = [
    `/set fifo.file.path ${fifo}`,
    '/set fifo.file.enabled on',
    '/set logger.file.flush_delay 0',
    // One log line per message, with a fixed, parseable time; no nick prefix alignment.
    '/set logger.file.time_format "%H:%M:%S"',
    `/server add ${SERVER} 127.0.0.1/${options.port} -notls -nicks=${options.nick} -username=${options.nick}`,
    `/connect ${SERVER}`,
  ].join(';');
  const process_ = new ServerProcess({ command: WEECHAT_BINARY, args: ['--dir', home, '--run-command', startup] });
  const logFile = (buffer: string): string =>
    path.join(home, 'logs', buffer === 'server' ? `irc.server.${SERVER}.weechatlog` : `irc.${SERVER}.${buffer.toLowerCase()}.weechatlog`);

  const logged = async (buffer: string): Promise<Array<[string, string]>> => {
    const file = logFile(buffer);
    if (!existsSync(file)) return [];
    return (await readFile(file, 'utf8')).split('\n').filter(Boolean).map((line) => {
      const [, nick = '', ...text] = line.split('\t');
      return [nick, text.join('\t')];
    });
  };
  const waitForLogged = async (buffer: string, match: (nick: string, text: string) => boolean, timeoutMs = 10_000): Promise<[string, string]> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (await logged(buffer)).find(([nick, text]) => match(nick, text));
      if (found) return found;
      if (Date.now() > deadline) {
        throw new Error(`WeeChat did not log the line looked for in ${buffer}; it logged:\n${(await logged(buffer)).map((l) => l.join(' | ')).join('\n')}\n${process_.output.slice(-2_000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const peer: WeechatPeer = {
    nick: options.nick,
    async type(buffer, input) {
      if (/[\r\n]/.test(input)) throw new Error('one line at a time');
      const target = buffer === 'server' ? `irc.server.${SERVER}` : `irc.${SERVER}.${buffer}`;
      await appendFile(fifo, `${target} *${input}\n`);
    },
    logged,
    waitForLogged,
    async stop() {
      await process_.stop(2_000);
      await rm(home, { recursive: true, force: true });
    },
  };
  try {
    // Registered: the welcome (001) is in the server buffer's log, and the FIFO is there.
    await waitForLogged('server', (_nick, text) => /Welcome/i.test(text), 15_000);
    const deadline = Date.now() + 5_000;
    while (!existsSync(fifo)) {
      if (Date.now() > deadline) throw new Error('WeeChat made no FIFO: is weechat-plugins installed?');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } catch (error: unknown) {
    await peer.stop();
    throw error;
  }
  return peer;
}
