/** Switchboard's own JSON Lines export (jsonlRecord.ts), read back line by line. */
import { historyRecordSchema, type HistoryRecord } from './jsonlRecord.js';
import { isPlainHistoryRecord } from './historyRecordCheck.js';
import { ImportFileError, type ImportedMessage } from './importSources.js';
import { readLines, type LogFile } from './logFiles.js';

export const isJsonlFile = (relativePath: string): boolean => /\.jsonl$/i.test(relativePath);

/** The line's record: checked by hand in the common case, else by the schema, which words the error. */
function recordOf(text: string, number: number): HistoryRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ImportFileError(`line ${number} is not JSON`);
  }
  if (isPlainHistoryRecord(value)) return value;
  const parsed = historyRecordSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ImportFileError(`line ${number} is not a Switchboard history record (${issue ? `${issue.path.join('.') || 'the line'}: ${issue.message}` : 'unknown shape'})`);
  }
  return parsed.data;
}

export function* readJsonl(file: LogFile): Generator<ImportedMessage> {
  for (const line of readLines(file.path)) {
    if (line.text.trim() === '') continue;
    const r = recordOf(line.text, line.number);
    // Only the record's own fields: a line may carry more (the schema strips them, the hand check passes them by).
    const message: { -readonly [K in keyof ImportedMessage]: ImportedMessage[K] } = {
      account: { id: r.account.id, pluginId: r.account.plugin, identity: r.account.identity },
      conversation: { networkId: r.conversation.networkId, kind: r.conversation.kind, title: r.conversation.title },
      senderId: r.sender.id, senderName: r.sender.name, kind: r.kind, body: r.body,
      timestamp: Date.parse(r.time),
      direction: r.direction,
      // Never queued or sending again: imported history is not an outbox.
      status: r.status === 'queued' || r.status === 'sending' ? 'failed' : r.status,
    };
    if (r.id !== undefined) message.id = r.id;
    if (r.networkId !== undefined) message.networkId = r.networkId;
    if (r.html !== undefined) message.html = r.html;
    if (r.edited) message.edited = true;
    if (r.deleted) message.deleted = true;
    if (r.replyTo !== undefined) message.replyTo = r.replyTo;
    if (r.attachments !== undefined) message.attachments = r.attachments;
    yield message;
  }
}
