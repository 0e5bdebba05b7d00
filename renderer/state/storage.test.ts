import { describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import { applyStorageEvents, createStorageStore, storageBanner } from './storage.js';

const full = (freeBytes: number, dropped = 0): BridgeEvent => ({ type: 'storage.state', payload: { state: 'full', freeBytes, folder: '/home/ann/.config/switchboard', dropped } });

describe('the disk-full banner', () => {
  it('shows the free space and the folder while the disk is full, and goes when writes succeed again', () => {
    const initial = createStorageStore().getState();
    expect(storageBanner(initial.status)).toBeUndefined();
    const filled = applyStorageEvents(initial, [full(12_000_000), full(307_200)]);
    expect(storageBanner(filled.status)).toEqual({
      title: 'Disk full (0.3 MB free on /home/ann/.config/switchboard): new messages can\'t be saved',
      detail: 'What arrives is kept in memory and saved by itself once you free some space on that disk.',
    });
    expect(applyStorageEvents(filled, [{ type: 'typing', payload: { conversationId: 1, participantId: 'x', state: 'active' } }])).toBe(filled);
    expect(storageBanner(applyStorageEvents(filled, [{ type: 'storage.state', payload: { state: 'ok' } }]).status)).toBeUndefined();
  });

  it('says how much had to be dropped when the disk stayed full too long', () => {
    const banner = storageBanner(applyStorageEvents(createStorageStore().getState(), [full(50 * 1024 * 1024, 1234)]).status);
    expect(banner?.title).toContain('(50 MB free on ');
    expect(banner?.detail).toContain('1,234 of the oldest updates that arrived meanwhile could not be kept.');
  });
});
