/**
 * The three export formats, each a writer fed one conversation's messages in time order.
 * A conversation with no message in range writes nothing (no header, no empty page).
 *
 * - txt: Pidgin's plain-text log (libpurple log.c, txt_logger_write): a "Conversation
 *   with … at … on … (protocol)" header, then "(time) sender: text", "***sender action".
 *   Times are UTC (Pidgin writes local time), the date shown whenever the day changes.
 * - jsonl: one {@link HistoryRecord} per line; a whole export (everything, an account) in
 *   arrival order, which an import into an empty profile keeps, ids and all.
 * - html: one self-contained page per conversation: inline CSS, a Content-Security-Policy
 *   that forbids every script and remote resource, bodies through the core sanitizer.
 */
import { sanitizeFileName } from '../files/fileNames.js';
import type { SourceConversation, SourceMessage } from './historySource.js';
import { escapeHtml, sanitizeHtmlToHtml } from './htmlSanitizer.js';
import { historyLineWriter } from './jsonlRecord.js';

export type ExportFormatName = 'txt' | 'jsonl' | 'html';
export const EXPORT_FORMATS: readonly ExportFormatName[] = ['txt', 'jsonl', 'html'];

export interface ConversationWriter {
  /** Writes one message; the object may be filled with the next row afterwards (historySource.ts readRow), so nothing of it is kept but copies. */
  message(message: SourceMessage): void;
  end(): void;
}

export interface ExportFormat {
  /** One file per conversation (in a folder) instead of one file for all. */
  readonly filePerConversation: boolean;
  /** Its lines stand alone, so a whole export may follow arrival (id) order instead of going conversation by conversation. */
  readonly inArrivalOrder: boolean;
  fileName(conversation: SourceConversation): string;
  begin(conversation: SourceConversation, first: SourceMessage, write: (text: string) => void): ConversationWriter;
}

const day = (timestamp: number): string => new Date(timestamp).toISOString().slice(0, 10);
const clock = (timestamp: number): string => new Date(timestamp).toISOString().slice(11, 19);
const dateTime = (timestamp: number): string => `${day(timestamp)} ${clock(timestamp)}`;

function attachmentNames(message: SourceMessage): string[] {
  if (message.attachments === null) return [];
  return (JSON.parse(message.attachments) as { name?: unknown }[]).map((a) => (typeof a.name === 'string' ? a.name : 'file'));
}

/** What a message says, as plain text, with what the log must not hide (deleted, edited, files). */
function plainContent(message: SourceMessage): string {
  if (message.deleted) return '[message deleted]';
  const files = attachmentNames(message).map((name) => `[file: ${name}]`);
  return [message.body, ...files].filter((part) => part !== '').join(' ') + (message.edited ? ' (edited)' : '');
}

function header(conversation: SourceConversation, first: SourceMessage): string {
  return `Conversation with ${conversation.title} at ${dateTime(first.timestamp)} UTC on ${conversation.accountIdentity} (${conversation.pluginId})`;
}

const txt: ExportFormat = {
  filePerConversation: false,
  inArrivalOrder: false,
  fileName: () => '',
  begin(conversation, first, write) {
    write(`${header(conversation, first)}\n`);
    let lastDay = day(first.timestamp);
    return {
      message(message) {
        const today = day(message.timestamp);
        const time = today === lastDay ? clock(message.timestamp) : dateTime(message.timestamp);
        lastDay = today;
        const text = plainContent(message);
        const sender = message.sender_name;
        const line = message.kind === 'action' ? `***${sender} ${text}`
          : message.kind === 'notice' ? `-${sender}- ${text}`
            : message.kind === 'event' ? text
              : `${sender}: ${text}`;
        write(`(${time}) ${line}\n`);
      },
      end() {
        write('\n');
      },
    };
  },
};

const jsonl: ExportFormat = {
  filePerConversation: false,
  inArrivalOrder: true,
  fileName: () => '',
  begin(conversation, _first, write) {
    const line = historyLineWriter(conversation);
    return {
      message(message) {
        write(`${line(message)}\n`);
      },
      end() { /* lines stand alone */ },
    };
  },
};

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:60em;padding:0 1em;color:#1d1d1f;background:#fff}
h1{font-size:1.2em}h2{font-size:1em;margin:1.5em 0 .5em;color:#555}p{margin:.15em 0}time{color:#777;font-variant-numeric:tabular-nums}
.out b{color:#16569e}.in b{color:#a82f2f}.event,.notice{color:#555}.deleted{font-style:italic;color:#777}
${['#fff', '#000', '#00007f', '#009300', '#f00', '#7f0000', '#9c009c', '#fc7f00', '#ff0', '#00fc00', '#009393', '#0ff', '#0000fc', '#f0f', '#7f7f7f', '#d2d2d2']
    .map((colour, i) => `.fg-${i}{color:${colour}}.bg-${i}{background:${colour}}`).join('')}`;

function htmlBody(message: SourceMessage): string {
  if (message.deleted) return '<span class="deleted">message deleted</span>';
  const content = message.html !== null ? sanitizeHtmlToHtml(message.html) : escapeHtml(message.body).replaceAll('\n', '<br>');
  const files = attachmentNames(message).map((name) => ` [file: ${escapeHtml(name)}]`).join('');
  return `${content}${files}${message.edited ? ' <small>(edited)</small>' : ''}`;
}

const html: ExportFormat = {
  filePerConversation: true,
  inArrivalOrder: false,
  fileName: (conversation) => sanitizeFileName(`${conversation.accountIdentity} ${conversation.title} ${conversation.id}.html`, `conversation-${conversation.id}.html`),
  begin(conversation, first, write) {
    const title = escapeHtml(header(conversation, first));
    // No script, no remote resource: the policy forbids both even if a body slipped through.
    write(`<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'none'">
<meta name="referrer" content="no-referrer"><title>${title}</title><style>${STYLE}</style></head>
<body><h1>${title}</h1>\n`);
    let lastDay = '';
    return {
      message(message) {
        const today = day(message.timestamp);
        if (today !== lastDay) write(`<h2>${today}</h2>\n`);
        lastDay = today;
        const sender = escapeHtml(message.sender_name);
        const who = message.kind === 'action' ? `<b>***${sender}</b>` : message.kind === 'event' ? '' : message.kind === 'notice' ? `<b>-${sender}-</b>` : `<b>${sender}:</b>`;
        write(`<p class="${message.direction} ${message.kind}"><time datetime="${new Date(message.timestamp).toISOString()}">${clock(message.timestamp)}</time> ${who} ${htmlBody(message)}</p>\n`);
      },
      end() {
        write('</body></html>\n');
      },
    };
  },
};

export const exportFormats: Readonly<Record<ExportFormatName, ExportFormat>> = { txt, jsonl, html };
