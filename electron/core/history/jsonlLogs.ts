/** Switchboard's own JSON Lines export (jsonlRecord.ts), read back line by line. */
import { historyRecordSchema } from './jsonlRecord.js';
import { ImportFileError, type ImportedMessage } from './importSources.js';
import { readLines, type LogFile } from './logFiles.js';

export const isJsonlFile = (relativePath: string): boolean => /\.jsonl$/i.test(relativePath);

export function* readJsonl(file: LogFile): Generator<ImportedMessage> {
  for (const line of readLines(file.path)) {
    if (line.text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line.text);
    } catch {
      throw new ImportFileError(`line ${line.number} is not JSON`);
    }
    const parsed = historyRecordSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ImportFileError(`line ${line.number} is not a Switchboard history record (${issue ? `${issue.path.join('.') || 'the line'}: ${issue.message}` : 'unknown shape'})`);
    }
    const r = parsed.data;
    yield {
      account: { id: r.account.id, pluginId: r.account.plugin, identity: r.account.identity },
      conversation: r.conversation,
      ...(r.id !== undefined ? { id: r.id } : {}),
      ...(r.networkId !== undefined ? { networkId: r.networkId } : {}),
      senderId: r.sender.id, senderName: r.sender.name, kind: r.kind, body: r.body,
      ...(r.html !== undefined ? { html: r.html } : {}),
      timestamp: Date.parse(r.time),
      direction: r.direction,
      // Never queued or sending again: imported history is not an outbox.
      status: r.status === 'queued' || r.status === 'sending' ? 'failed' : r.status,
      ...(r.edited ? { edited: true } : {}), ...(r.deleted ? { deleted: true } : {}),
      ...(r.replyTo !== undefined ? { replyTo: r.replyTo } : {}),
      ...(r.attachments !== undefined ? { attachments: r.attachments } : {}),
    };
  }
}
