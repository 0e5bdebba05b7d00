// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BridgeRequestError } from '../../electron/bridge/client.js';
import { DEFAULT_PREFERENCES } from '../../electron/bridge/preferences.js';
import { DesktopPreferences } from './DesktopPreferences.js';
import { flush, renderWithApp } from './testHarness.js';

afterEach(() => {
  cleanup();
});

describe('the desktop app\'s preferences', () => {
  it('turns hiding to the tray and updates on, both off by default, as the core stores them', async () => {
    const harness = renderWithApp(<DesktopPreferences />, (method, params) => {
      expect(method).toBe('preferences.set');
      return Promise.resolve({ ...harness.stores.preferences.getState().preferences, ...(params as object) });
    });
    const tray = screen.getByRole('checkbox', { name: /running in the tray when its window is closed/ });
    const updates = screen.getByRole('checkbox', { name: /Check for updates/ });
    expect([(tray as HTMLInputElement).checked, (updates as HTMLInputElement).checked]).toEqual([false, false]);
    fireEvent.click(updates);
    await flush();
    expect(harness.request).toHaveBeenLastCalledWith('preferences.set', { autoUpdate: true });
    expect((updates as HTMLInputElement).checked).toBe(true);
    fireEvent.click(tray);
    await flush();
    expect(harness.stores.preferences.getState().preferences).toEqual({ ...DEFAULT_PREFERENCES, autoUpdate: true, closeToTray: true });
    expect((tray as HTMLInputElement).checked).toBe(true);
  });

  it('says in words when the core refuses, and keeps the box as it was', async () => {
    renderWithApp(<DesktopPreferences />, () => Promise.reject(new BridgeRequestError({ kind: 'internal', message: 'The disk is full: the change was not saved.' })));
    const updates = screen.getByRole('checkbox', { name: /Check for updates/ });
    fireEvent.click(updates);
    await flush();
    expect(screen.getByRole('alert').textContent).toBe('The disk is full: the change was not saved.');
    expect((updates as HTMLInputElement).checked).toBe(false);
  });
});
