/**
 * irssi's autolog files (`autolog_path`, default `~/irclogs/$tag/$0.log`): the network's tag
 * is the folder, the target the file name. "--- Log opened Sun Dec 06 10:00:00 2026" and
 * "--- Day changed Mon Dec 07 2026" give the date; each line starts with `log_timestamp`
 * (default "%H:%M ", the machine's zone), then "<@nick> text", " * nick action",
 * "-nick(host)- notice" or "-!- event" (irssi's default theme).
 */
import { basename, dirname } from 'node:path';
import { ImportFileError, type ImportedMessage } from './importSources.js';
import { bareNick, ircAccount, ircConversation, ircLower } from './ircLogNames.js';
import { readLines, type LogFile } from './logFiles.js';
import { monthNumber, wallClock } from './logTime.js';

export const isIrssiLog = (relativePath: string): boolean => /\.log$/i.test(relativePath);

const OPENED = /^--- (?:Log opened|Day changed) \w{3} (\w{3}) (\d{1,2}) (?:\d{2}:\d{2}:\d{2} )?(\d{4})$/;

export function* readIrssiLog(file: LogFile): Generator<ImportedMessage> {
  const account = ircAccount(basename(dirname(file.path)));
  const conversation = ircConversation(basename(file.path).replace(/\.log$/i, ''));
  let date: { year: number; month: number; day: number } | undefined;
  for (const { text, number } of readLines(file.path)) {
    if (text === '') continue;
    if (text.startsWith('--- ')) {
      const opened = OPENED.exec(text);
      const month = opened?.[1] === undefined ? undefined : monthNumber(opened[1]);
      if (opened && month !== undefined) date = { year: Number(opened[3]), month, day: Number(opened[2]) };
      continue; // "Log closed" and the like
    }
    const line = /^(\d{2}):(\d{2})(?::(\d{2}))? ([\s\S]*)$/.exec(text);
    if (!line) throw new ImportFileError(`line ${number} does not start with an irssi time (HH:MM)`);
    if (!date) throw new ImportFileError(`line ${number} comes before any "--- Log opened" line, so its date is unknown`);
    const timestamp = wallClock(date.year, date.month, date.day, Number(line[1]), Number(line[2]), Number(line[3] ?? 0));
    const rest = line[4] ?? '';
    const base = { account, conversation, timestamp, direction: 'in' as const, status: 'received' as const };
    let m: RegExpExecArray | null;
    if ((m = /^<([^>]+)> ([\s\S]*)$/.exec(rest))) {
      const nick = bareNick(m[1] ?? '');
      yield { ...base, senderId: ircLower(nick), senderName: nick, kind: 'text', body: m[2] ?? '' };
    } else if ((m = /^ \* (\S+) ?([\s\S]*)$/.exec(rest))) {
      const nick = m[1] ?? '';
      yield { ...base, senderId: ircLower(nick), senderName: nick, kind: 'action', body: m[2] ?? '' };
    } else if ((m = /^-([^\s(:!-]+)(?:\([^)]*\)|:[^-]*)?- ([\s\S]*)$/.exec(rest)) && m[1] !== undefined) {
      yield { ...base, senderId: ircLower(m[1]), senderName: m[1], kind: 'notice', body: m[2] ?? '' };
    } else {
      yield { ...base, senderId: '', senderName: '', kind: 'event', body: rest.replace(/^-!- /, '') };
    }
  }
}
