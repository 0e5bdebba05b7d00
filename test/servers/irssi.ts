/**
 * irssi (Debian) as an independent IRC client on the other side of a test. It has no
 * command pipe, so it runs in a tmux pane and the test types into it as a user would
 * (`tmux send-keys`); what it shows is read from its autolog files, one per target.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { bareNick, waitForLine, type IrcClientPeer, type LoggedLine } from './ircClientPeer.js';

export const IRSSI_BINARY = '/usr/bin/irssi';
const TAG = 'test';

function run(command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, [...args], { timeout: 10_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')}: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** An irssi log line (`HH:MM <@nick> text`, `HH:MM  * nick text`, `HH:MM -!- event`). */
function parse(line: string): LoggedLine | undefined {
  const body = line.replace(/^\d\d:\d\d /, '');
  const said = /^<([^>]*)> (.*)$/.exec(body);
  if (said) return { nick: bareNick(said[1] ?? ''), text: said[2] ?? '', action: false };
  const action = /^ \* (\S+) (.*)$/.exec(body);
  if (action) return { nick: action[1] ?? '', text: action[2] ?? '', action: true };
  const event = /^-!- (.*)$/.exec(body);
  if (event) return { nick: '', text: event[1] ?? '', action: false };
  return undefined; // "--- Log opened …" and the like
}

export interface IrssiOptions {
  readonly port: number;
  readonly nick: string;
  /** More settings for its config file, as `"section" = { key = "value"; };` lines (`"irc/dcc"`). */
  readonly settings?: string;
}

/** irssi as a peer; `command` types any line (a `/dcc send`) into its window. */
export async function startIrssi(options: IrssiOptions): Promise<IrcClientPeer & { command(input: string): Promise<void> }> {
  if (!existsSync(IRSSI_BINARY)) throw new Error(`${IRSSI_BINARY} is missing: install it with \`apt-get install -y irssi tmux\` (Debian/Ubuntu, as root).`);
  const home = await mkdtemp(path.join(os.tmpdir(), 'switchboard-irssi-'));
  const logs = path.join(home, 'logs');
  await writeFile(path.join(home, 'config'), `servers = ( { address = "127.0.0.1"; chatnet = "${TAG}"; port = "${options.port}"; use_tls = "no"; autoconnect = "yes"; } );
chatnets = { ${TAG} = { type = "IRC"; }; };
settings = {
  core = { real_name = "${options.nick}"; user_name = "${options.nick}"; nick = "${options.nick}"; };
  "fe-common/core" = { autolog = "yes"; autolog_path = "${logs}/$tag/$0.log"; };
  # irssi queues lines to the server 2.2 s apart after the first 5 (its flood protection); the
  # tests type several in a row, and pacing is not what they check.
  "irc/core" = { cmd_queue_speed = "0msec"; cmds_max_at_once = "1000"; };
  ${options.settings ?? ''}
};
`);
  const socket = `switchboard-test-${process.pid}-${options.nick}`;
  const tmux = (...args: string[]): Promise<string> => run('tmux', ['-L', socket, ...args]);
  await tmux('new-session', '-d', '-x', '200', '-y', '50', `exec ${IRSSI_BINARY} --home ${home}`);
  /** Type a line and press Enter, in whichever window is active (commands name their target). */
  const type = async (input: string): Promise<void> => {
    if (/[\r\n]/.test(input)) throw new Error('one line at a time');
    await tmux('send-keys', '-t', '0', '-l', input);
    await tmux('send-keys', '-t', '0', 'Enter');
  };
  /** irssi names log files after the target as typed or as the server sent it: match without case. */
  const logged = async (target: string): Promise<LoggedLine[]> => {
    const dir = path.join(logs, TAG);
    if (!existsSync(dir)) return [];
    const file = (await readdir(dir)).find((name) => name.toLowerCase() === `${target.toLowerCase()}.log`);
    if (!file) return [];
    return (await readFile(path.join(dir, file), 'utf8')).split('\n').flatMap((line) => parse(line) ?? []);
  };
  const waitForLogged = (target: string, match: (line: LoggedLine) => boolean, timeoutMs = 10_000): Promise<LoggedLine> =>
    waitForLine(() => logged(target), match, timeoutMs, () => `irssi (${target})`);
  const stop = async (): Promise<void> => {
    await tmux('kill-server').catch(() => undefined);
    await rm(home, { recursive: true, force: true });
  };
  let nick = options.nick;
  const peer: IrcClientPeer = {
    name: 'irssi',
    get nick() { return nick; },
    async join(channel) {
      await type(`/join ${channel}`);
      await waitForLogged(channel, (line) => line.text.startsWith(`${nick} `) && /has joined/.test(line.text));
    },
    say: (target, text) => type(`/msg ${target} ${text}`),
    act: (target, text) => type(`/action ${target} ${text}`),
    query: (other, text) => type(`/msg ${other} ${text}`),
    setTopic: (channel, topic) => type(`/topic ${channel} ${topic}`),
    async changeNick(next) {
      await type(`/nick ${next}`);
      nick = next;
    },
    logged,
    waitForLogged,
    stop,
  };
  try {
    // Registered once a join works: irssi connects on start, and refuses /join until then.
    const deadline = Date.now() + 20_000;
    for (;;) {
      await type('/join #switchboard-probe');
      try {
        await waitForLogged('#switchboard-probe', (line) => line.text.startsWith(`${nick} `) && /has joined/.test(line.text), 1_000);
        break;
      } catch (error: unknown) {
        if (Date.now() > deadline) throw error;
      }
    }
    await type('/part #switchboard-probe');
  } catch (error: unknown) {
    const screen = await tmux('capture-pane', '-p', '-t', '0').catch(() => '');
    await stop();
    throw new Error(`${String(error)}\nirssi's screen:\n${screen}`);
  }
  return { ...peer, get nick() { return nick; }, command: type };
}
