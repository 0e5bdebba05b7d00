/**
 * The outbox as the user sees it: a message of theirs that is queued (its account is
 * offline) or failed can be cancelled, a failed one retried; and the composer says that
 * what is written now goes out when the account is back.
 */
import type { AccountView, MessageView } from '../../electron/bridge/schemas.js';
import { i18n } from '../i18n/index.js';

export interface OutboxChoices {
  readonly retry: boolean;
  readonly cancel: boolean;
}

const NONE: OutboxChoices = { retry: false, cancel: false };
const CANCEL: OutboxChoices = { retry: false, cancel: true };
const BOTH: OutboxChoices = { retry: true, cancel: true };

export function outboxChoices(message: MessageView): OutboxChoices {
  if (message.direction !== 'out' || message.deleted === true) return NONE;
  if (message.status === 'failed') return BOTH;
  if (message.status === 'queued') return CANCEL;
  return NONE;
}

/**
 * What the composer says while the conversation's account is not online (null while it is):
 * messages are still accepted, and the core queues them.
 */
export function offlineNotice(account: AccountView | undefined): string | null {
  if (!account || account.state === 'online') return null;
  return i18n.t('outboxNotice.offline', { account: account.label });
}
