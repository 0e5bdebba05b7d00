/**
 * The common case of {@link historyRecordSchema}, checked by hand: a line as Switchboard's
 * export writes it, without attachments. An import of a million lines spent a quarter of its
 * reading in zod's object walk (node --cpu-prof: ~1 µs a line of ~4); this check accepts only
 * what the schema accepts (the same enums, the same date-time pattern, no attachments), so the
 * schema still decides every other line and words every error.
 */
import { z } from 'zod';
import type { HistoryRecord } from './jsonlRecord.js';

/** The pattern of the schema's `z.iso.datetime({ offset: true })`. */
const DATE_TIME = z.regexes.datetime({ offset: true });

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string';
const isName = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const optionalText = (value: unknown): boolean => value === undefined || typeof value === 'string';
const optionalTrue = (value: unknown): boolean => value === undefined || value === true;

/** True when `value` is a record the schema accepts as it is (no attachments); false means: ask the schema. */
export function isPlainHistoryRecord(value: unknown): value is HistoryRecord {
  if (!isObject(value)) return false;
  const { id, networkId, time, account, conversation, sender, direction, status, kind } = value;
  if (id !== undefined && !(Number.isSafeInteger(id) && (id as number) > 0)) return false;
  if (!optionalText(networkId) || !isText(time) || !DATE_TIME.test(time)) return false;
  if (!isObject(account) || !isName(account['id']) || !isName(account['plugin']) || !isText(account['identity'])) return false;
  if (!isObject(conversation) || !isName(conversation['networkId']) || !isText(conversation['title'])) return false;
  if (conversation['kind'] !== 'direct' && conversation['kind'] !== 'room') return false;
  if (!isObject(sender) || !isText(sender['id']) || !isText(sender['name'])) return false;
  if (direction !== 'in' && direction !== 'out') return false;
  if (status !== 'received' && status !== 'queued' && status !== 'sending' && status !== 'sent' && status !== 'failed') return false;
  if (kind !== 'text' && kind !== 'action' && kind !== 'notice' && kind !== 'event') return false;
  return isText(value['body']) && optionalText(value['html']) && optionalTrue(value['edited']) && optionalTrue(value['deleted'])
    && optionalText(value['replyTo']) && value['attachments'] === undefined;
}
