/**
 * Pidgin's logs (libpurple log.c): `~/.purple/logs/PROTOCOL/ACCOUNT/BUDDY/DATE.txt|html`,
 * a chat's folder named `ROOM.chat`, the file named for the session's start with its UTC
 * offset (`2026-12-06.100000+0100CET.txt`, purple_log_get_log_dir / new_logfile). Lines are
 * "(time) name: text" (txt_logger_write) or the same in HTML with the sender's colour telling
 * who wrote it (html_logger_write: #16569E sent, #A82F2F received, #062585 "/me").
 * A time carries a date when it is not the session's day ("%x %X"); else the day runs on
 * from the file's date, past midnight when the clock goes back.
 */
import { sep } from 'node:path';
import { accountIdentity, settingsForIdentity } from './accountIdentity.js';
import { htmlToText, sanitizeHtmlToHtml } from './htmlSanitizer.js';
import { ImportFileError, type AccountHint, type ConversationHint, type ImportedMessage } from './importSources.js';
import { readLines, type LogFile } from './logFiles.js';
import { clockSeconds, wallClock } from './logTime.js';

const FILE_NAME = /^(\d{4})-(\d{2})-(\d{2})\.(\d{2})(\d{2})(\d{2})([+-]\d{4})?[^/\\]*\.(txt|html?)$/i;

export const isPidginLog = (relativePath: string): boolean =>
  FILE_NAME.test(relativePath.split(/[/\\]/).pop() ?? '') && !relativePath.split(/[/\\]/).includes('.system');

/** libpurple's protocol folder names (the prpl's list_icon) → Switchboard's plugins; others keep their name. */
const PLUGINS: Readonly<Record<string, string>> = { jabber: 'xmpp', irc: 'irc', matrix: 'matrix' };

function unescapeName(name: string): string {
  try {
    return decodeURIComponent(name); // purple_escape_filename is %XX escaping
  } catch {
    return name;
  }
}

interface Session {
  readonly account: AccountHint;
  readonly conversation: ConversationHint;
  /** The account's own name as it appears in lines (nick, local part). */
  readonly ownName: string;
  readonly start: { year: number; month: number; day: number; seconds: number; offset: number | undefined };
}

function session(file: LogFile): Session {
  const parts = file.path.split(sep);
  const [protocol, accountDir, buddyDir, name] = parts.slice(-4);
  const match = FILE_NAME.exec(name ?? '');
  if (protocol === undefined || accountDir === undefined || buddyDir === undefined || !match) {
    throw new ImportFileError('it is not inside a PROTOCOL/ACCOUNT/BUDDY folder of a Pidgin log tree');
  }
  const pluginId = PLUGINS[protocol] ?? protocol;
  const identity = accountIdentity(pluginId, settingsForIdentity(pluginId, unescapeName(accountDir).split('/')[0] ?? ''));
  const buddy = unescapeName(buddyDir);
  const room = buddy.endsWith('.chat');
  const networkId = room ? buddy.slice(0, -'.chat'.length) : buddy;
  const zone = match[7];
  const offset = zone === undefined ? undefined : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
  return {
    account: { pluginId, identity },
    conversation: { networkId, kind: room ? 'room' : 'direct', title: networkId },
    ownName: (identity.startsWith('@') ? identity.slice(1) : identity).split(/[@:/]/)[0] ?? identity,
    start: {
      year: Number(match[1]), month: Number(match[2]), day: Number(match[3]),
      seconds: Number(match[4]) * 3600 + Number(match[5]) * 60 + Number(match[6]), offset,
    },
  };
}

/** Turns "(time)" stamps into times, the day running on from the session's start. */
class Clock {
  private date: Date;
  private lastSeconds: number;

  constructor(private readonly start: Session['start']) {
    this.date = new Date(Date.UTC(start.year, start.month - 1, start.day));
    this.lastSeconds = start.seconds;
  }

  at(stamp: string): number | undefined {
    const match = /^(?:(\S+)\s+)?(\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)$/.exec(stamp.trim());
    const seconds = match?.[2] === undefined ? undefined : clockSeconds(match[2]);
    if (!match || seconds === undefined) return undefined;
    if (match[1] !== undefined) {
      const date = parseDate(match[1]);
      if (date === undefined) return undefined;
      this.date = date;
    } else if (seconds < this.lastSeconds - 60) {
      this.date = new Date(this.date.getTime() + 24 * 3600 * 1000); // past midnight
    }
    this.lastSeconds = seconds;
    return wallClock(this.date.getUTCFullYear(), this.date.getUTCMonth() + 1, this.date.getUTCDate(),
      Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60, this.start.offset);
  }
}

/** "2026-12-06", "12/06/2026", "12/06/26" (the C and en_US "%x"), "06.12.2026" (most of Europe's). */
function parseDate(text: string): Date | undefined {
  let year: number;
  let month: number;
  let day: number;
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) {
    [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else if ((m = /^(\d{1,2})([./])(\d{1,2})\2(\d{2}|\d{4})$/.exec(text))) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    year = Number(m[4]) < 100 ? 2000 + Number(m[4]) : Number(m[4]);
    [month, day] = m[2] === '.' || a > 12 ? [b, a] : [a, b];
  } else {
    return undefined;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return new Date(Date.UTC(year, month - 1, day));
}

interface Line {
  readonly time: number;
  readonly kind: ImportedMessage['kind'];
  readonly sender: string;
  readonly body: string;
  readonly html?: string;
  readonly direction?: 'in' | 'out';
}

function message(s: Session, conversation: ConversationHint, line: Line): ImportedMessage {
  const direction = line.direction ?? (line.sender !== '' && line.sender.toLowerCase() === s.ownName.toLowerCase() ? 'out' : 'in');
  const senderId = line.kind === 'event' ? '' : s.conversation.kind === 'direct' ? (direction === 'out' ? s.account.identity : s.conversation.networkId) : line.sender;
  return {
    account: s.account, conversation, senderId, senderName: line.sender, kind: line.kind, body: line.body,
    ...(line.html !== undefined ? { html: line.html } : {}),
    timestamp: line.time, direction, status: direction === 'out' ? 'sent' : 'received',
  };
}

function classifyText(time: number, content: string): Line {
  if (content.startsWith('***')) {
    const space = content.indexOf(' ');
    return { time, kind: 'action', sender: content.slice(3, space < 0 ? undefined : space), body: space < 0 ? '' : content.slice(space + 1) };
  }
  const said = /^(.{1,80}?)(?: <AUTO-REPLY>)?: ([\s\S]*)$/.exec(content);
  if (said?.[1] !== undefined && !said[1].includes(': ')) return { time, kind: 'text', sender: said[1], body: said[2] ?? '' };
  return { time, kind: 'event', sender: '', body: content };
}

const HTML_LINE = /^(?:<font color="(#[0-9a-fA-F]{6})">)?<font size="2">\(([^)]*)\)<\/font>\s*(?:<b>([\s\S]*?)<\/b>(?:<\/font>)?)?\s?([\s\S]*?)(?:<br\s*\/?>)?$/;

function classifyHtml(time: number, colour: string | undefined, bold: string | undefined, rest: string): Line {
  const name = bold === undefined ? '' : htmlToText(bold).trim();
  const direction = colour?.toUpperCase() === '#16569E' ? 'out' : colour?.toUpperCase() === '#A82F2F' ? 'in' : undefined;
  const html = sanitizeHtmlToHtml(rest);
  const body = htmlToText(rest);
  const formatted = /</.test(html) ? { html } : {};
  if (name.startsWith('***')) return { time, kind: 'action', sender: name.slice(3), body, ...formatted };
  if (name.endsWith(':')) {
    return { time, kind: 'text', sender: name.slice(0, -1).replace(/ <AUTO-REPLY>$/, ''), body, ...formatted, ...(direction ? { direction } : {}) };
  }
  return { time, kind: 'event', sender: '', body: [name, body].filter((t) => t !== '').join(' ') };
}

export function* readPidginLog(file: LogFile): Generator<ImportedMessage> {
  const s = session(file);
  const clock = new Clock(s.start);
  const isHtml = /\.html?$/i.test(file.path);
  let pending: Line | undefined;
  let conversation = s.conversation;
  for (const { text, number } of readLines(file.path)) {
    if (number === 1) {
      const header = /Conversation with (.+?) at .+? on .+? \(([^)]+)\)/.exec(isHtml ? htmlToText(text.replace(/<title>[\s\S]*?<\/title>/, '')) : text);
      // The header names the buddy as Pidgin showed them (an alias); the folder keeps the network id.
      if (header?.[1] !== undefined) conversation = { ...conversation, title: header[1] };
      if (header || text.includes('<html')) continue;
    }
    if (isHtml) {
      const line = text.trim();
      if (line === '' || /^<\/body>|^<\/html>/.test(line)) continue;
      const match = HTML_LINE.exec(line);
      const time = match?.[2] === undefined ? undefined : clock.at(match[2]);
      if (match && time !== undefined) {
        if (pending) yield message(s, conversation, pending);
        pending = classifyHtml(time, match[1], match[3], match[4] ?? '');
      } else if (pending) {
        pending = { ...pending, body: `${pending.body}\n${htmlToText(line)}` };
      }
      continue;
    }
    const match = /^\(([^)]{4,30})\) ([\s\S]*)$/.exec(text);
    const time = match?.[1] === undefined ? undefined : clock.at(match[1]);
    if (match && time !== undefined) {
      if (pending) yield message(s, conversation, pending);
      pending = classifyText(time, match[2] ?? '');
    } else if (pending) {
      pending = { ...pending, body: `${pending.body}\n${text}` }; // a message of several lines
    } else if (text.trim() !== '') {
      throw new ImportFileError(`line ${number} is not a Pidgin log line`);
    }
  }
  if (pending) yield message(s, conversation, pending);
}
