/**
 * WeeChat's logger files (logger plugin, default mask `$plugin.$name.weechatlog`, so
 * `irc.libera.#weechat.weechatlog`): "date time TAB prefix TAB message" per line, the time in
 * logger.file.time_format (default "%Y-%m-%d %H:%M:%S", the machine's zone). The prefix is
 * the nick (with its mode), " *" for an action, "-->", "<--", "--" or "=!=" for events.
 * Server and core buffers hold no conversation and are not read.
 */
import { basename } from 'node:path';
import { ImportFileError, type ImportedMessage } from './importSources.js';
import { bareNick, ircAccount, ircConversation, ircLower } from './ircLogNames.js';
import { readLines, type LogFile } from './logFiles.js';
import { wallClock } from './logTime.js';

const FILE = /^irc\.(?!server\.)([^.]+)\.(.+)\.weechatlog$/i;

export const isWeechatLog = (relativePath: string): boolean => FILE.test(basename(relativePath));

const EVENT_PREFIXES = new Set(['-->', '<--', '--', '=!=', '']);

export function* readWeechatLog(file: LogFile): Generator<ImportedMessage> {
  const name = FILE.exec(basename(file.path));
  if (!name?.[1] || !name[2]) throw new ImportFileError('its name is not irc.NETWORK.TARGET.weechatlog');
  const account = ircAccount(name[1]);
  const conversation = ircConversation(name[2]);
  for (const { text, number } of readLines(file.path)) {
    if (text === '') continue;
    const [stamp = '', prefix = '', ...rest] = text.split('\t');
    const message = rest.join('\t');
    const time = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(stamp);
    if (!time) throw new ImportFileError(`line ${number} does not start with a WeeChat time (YYYY-MM-DD HH:MM:SS)`);
    const timestamp = wallClock(Number(time[1]), Number(time[2]), Number(time[3]), Number(time[4]), Number(time[5]), Number(time[6]));
    const base = { account, conversation, timestamp, direction: 'in' as const, status: 'received' as const };
    const trimmed = prefix.trim();
    if (EVENT_PREFIXES.has(trimmed)) {
      yield { ...base, senderId: '', senderName: '', kind: 'event', body: message };
    } else if (trimmed === '*') {
      const space = message.indexOf(' ');
      const nick = space < 0 ? message : message.slice(0, space);
      yield { ...base, senderId: ircLower(nick), senderName: nick, kind: 'action', body: space < 0 ? '' : message.slice(space + 1) };
    } else {
      const nick = bareNick(trimmed);
      yield { ...base, senderId: ircLower(nick), senderName: nick, kind: 'text', body: message };
    }
  }
}
