// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BridgeRequestError } from '../../electron/bridge/client.js';
import { DEFAULT_PREFERENCES } from '../../electron/bridge/preferences.js';
import { DesktopPreferences } from './DesktopPreferences.js';
import { SettingsDialog } from './SettingsDialog.js';
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

  it('spellchecks in the system\'s languages, or in the ones checked: at least one, added last, as the core stores them', async () => {
    const harness = renderWithApp(<DesktopPreferences />, (_method, params) =>
      Promise.resolve({ ...harness.stores.preferences.getState().preferences, ...(params as object) }));
    const group = screen.getByRole('group', { name: 'Spellcheck languages' });
    expect(within(group).getByRole<HTMLInputElement>('radio', { name: 'The system\'s languages' }).checked).toBe(true);
    expect(within(group).queryByRole('group', { name: 'Languages to check' })).toBeNull();

    // Starts from the page's languages (jsdom: en-US).
    fireEvent.click(within(group).getByRole('radio', { name: 'These languages' }));
    await flush();
    expect(harness.request).toHaveBeenLastCalledWith('preferences.set', { spellcheckLanguages: ['en-US'] });
    const list = within(group).getByRole('group', { name: 'Languages to check' });
    const english = within(list).getByRole<HTMLInputElement>('checkbox', { name: 'American English' });
    expect([english.checked, english.disabled]).toEqual([true, true]);
    fireEvent.click(within(list).getByRole('checkbox', { name: 'German' }));
    await flush();
    expect(harness.request).toHaveBeenLastCalledWith('preferences.set', { spellcheckLanguages: ['en-US', 'de'] });
    expect(english.disabled).toBe(false);
    fireEvent.click(english);
    await flush();
    expect(harness.stores.preferences.getState().preferences.spellcheckLanguages).toEqual(['de']);

    fireEvent.click(within(group).getByRole('radio', { name: 'The system\'s languages' }));
    await flush();
    expect(harness.stores.preferences.getState().preferences.spellcheckLanguages).toBe('system');
  });

  it('is not offered in a browser (headless mode), where a page cannot choose the browser\'s dictionaries', () => {
    renderWithApp(<SettingsDialog onClose={() => undefined} />, () => Promise.reject(new Error('no request expected')));
    expect(screen.getByRole('dialog', { name: 'Settings' })).toBeTruthy();
    expect(screen.queryByRole('group', { name: 'Spellcheck languages' })).toBeNull();
  });
});
