import { describe, expect, it } from 'vitest';
import type { MessageStatus, MessageView } from '../../electron/bridge/schemas.js';
import { messagePermissions, outgoingStatus } from './messageRules.js';
import { offlineNotice, outboxChoices } from './outbox.js';
import { account, message, richPlugin } from './testData.js';

const own = (status: MessageStatus, extra: Partial<MessageView> = {}) => message({ direction: 'out', status, ...extra });

describe('the outbox', () => {
  it('offers Cancel on queued messages, Retry and Cancel on failed ones, nothing otherwise', () => {
    expect(outboxChoices(own('queued'))).toEqual({ retry: false, cancel: true });
    expect(outboxChoices(own('failed'))).toEqual({ retry: true, cancel: true });
    for (const status of ['sending', 'sent'] as const) expect(outboxChoices(own(status))).toEqual({ retry: false, cancel: false });
    expect(outboxChoices(message({ status: 'failed' }))).toEqual({ retry: false, cancel: false });
    expect(outboxChoices(own('failed', { deleted: true }))).toEqual({ retry: false, cancel: false });
  });

  it('shows queued messages as "queued", and they cannot be replied to, edited or reacted to yet', () => {
    expect(outgoingStatus(own('queued'))).toEqual({ text: 'queued', tone: 'queued' });
    expect(outgoingStatus(own('failed', { error: { kind: 'network', message: 'gone' } }))).toEqual({ text: 'failed: gone', tone: 'failed' });
    expect(messagePermissions(own('queued'), richPlugin.capabilities)).toEqual({ reply: false, react: false, edit: false, delete: false });
  });

  it('tells the composer that messages wait for the account, only while it is not online', () => {
    expect(offlineNotice(account({ state: 'online' }))).toBeNull();
    expect(offlineNotice(undefined)).toBeNull();
    expect(offlineNotice(account({ state: 'offline', label: 'alice (IRC)' }))).toBe('Offline: messages will be sent when alice (IRC) reconnects');
    expect(offlineNotice(account({ state: 'reconnecting', label: 'alice (IRC)' }))).toContain('alice (IRC)');
  });
});
