/**
 * Whether the core can save to its disk (the `storage.state` event): while the disk is
 * full a banner says so, with the free space and the folder, and that what arrives is kept
 * until there is room; it goes away by itself once the core's writes succeed again.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BridgeEvent, EventPayload } from '../../electron/bridge/contract.js';
import { i18n } from '../i18n/index.js';

export type StorageStatus = EventPayload<'storage.state'>;

export interface StorageState {
  readonly status: StorageStatus;
}

export function createStorageStore(): StoreApi<StorageState> {
  return createStore<StorageState>()(() => ({ status: { state: 'ok' } }));
}

/** The newest storage state of a batch; the same state when the batch has none. */
export function applyStorageEvents(state: StorageState, events: readonly BridgeEvent[]): StorageState {
  let status: StorageStatus | undefined;
  for (const event of events) if (event.type === 'storage.state') status = event.payload;
  return status === undefined ? state : { status };
}

export interface StorageBannerText {
  readonly title: string;
  readonly detail: string;
}

/** The banner's words, or undefined while the disk takes writes. */
export function storageBanner(status: StorageStatus): StorageBannerText | undefined {
  if (status.state === 'ok') return undefined;
  const mb = status.freeBytes / (1024 * 1024);
  const free = mb >= 10 ? i18n.t('units.wholeMegabytes', { value: Math.floor(mb) }) : i18n.t('units.megabytes', { value: mb });
  const kept = i18n.t('storageBanner.kept');
  return {
    title: i18n.t('storageBanner.title', { free, folder: status.folder }),
    detail: status.dropped > 0 ? `${kept} ${i18n.t('storageBanner.lost', { count: status.dropped })}` : kept,
  };
}
