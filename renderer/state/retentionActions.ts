/** History retention per account, through the core (history.retention … history.applyRetention; electron/core/history/retention.ts). */
import type { ActionContext } from './actionContext.js';
import { i18n } from '../i18n/index.js';

export interface RetentionActions {
  /** The account's limit in days, or undefined: kept forever. */
  retentionOf(accountId: string): Promise<number | undefined>;
  /** How many of the account's messages a limit of `days` would delete now. */
  previewRetention(accountId: string, days: number): Promise<number>;
  /** Keeps `days` from now on and deletes what is older at once; resolves with how many went. */
  applyRetention(accountId: string, days: number): Promise<number>;
  keepForever(accountId: string): Promise<void>;
}

export function createRetentionActions({ client }: ActionContext): RetentionActions {
  return {
    retentionOf: async (accountId) => (await client().request('history.retention', { accountId })).days,
    previewRetention: async (accountId, days) => (await client().request('history.retentionPreview', { accountId, days })).count,
    applyRetention: async (accountId, days) => {
      await client().request('history.setRetention', { accountId, days });
      return (await client().request('history.applyRetention', { accountId })).deleted;
    },
    keepForever: async (accountId) => { await client().request('history.setRetention', { accountId, days: null }); },
  };
}

/** The days typed, or the reason they are refused (in words). */
export function parseRetentionDays(text: string): { readonly days: number } | { readonly error: string } {
  const trimmed = text.trim();
  if (!/^\d{1,5}$/.test(trimmed)) return { error: i18n.t('retentionErrors.notNumber') };
  const days = Number(trimmed);
  if (days < 1 || days > 36500) return { error: i18n.t('retentionErrors.range', { min: 1, max: 36500 }) };
  return { days };
}
