/** What every log reader produces: messages, each naming the account and conversation it belongs to. */
import type { RecordAttachment } from './jsonlRecord.js';

export type ImportSource = 'pidgin' | 'weechat' | 'irssi' | 'jsonl';
export const IMPORT_SOURCES: readonly ImportSource[] = ['pidgin', 'weechat', 'irssi', 'jsonl'];

export interface AccountHint {
  /** The account's id in a Switchboard export (kept when it is free). */
  readonly id?: string;
  readonly pluginId: string;
  /** See accountIdentity.ts: nick@server, a bare JID, a Matrix user id. */
  readonly identity: string;
}

export interface ConversationHint {
  readonly networkId: string;
  readonly kind: 'direct' | 'room';
  readonly title: string;
}

export interface ImportedMessage {
  readonly account: AccountHint;
  readonly conversation: ConversationHint;
  /** The message's id in a Switchboard export (kept when it is free). */
  readonly id?: number;
  readonly networkId?: string;
  readonly senderId: string;
  readonly senderName: string;
  readonly kind: 'text' | 'action' | 'notice' | 'event';
  readonly body: string;
  readonly html?: string;
  readonly timestamp: number;
  readonly direction: 'in' | 'out';
  readonly status: 'received' | 'sent' | 'failed';
  readonly edited?: boolean;
  readonly deleted?: boolean;
  readonly replyTo?: string;
  readonly attachments?: readonly RecordAttachment[];
}

/** A file that cannot be imported, and why, in words; nothing of it was stored. */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}
