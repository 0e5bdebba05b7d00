// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES, type Preferences } from '../../electron/bridge/preferences.js';
import { i18n } from '../i18n/index.js';
import { startLanguage } from '../i18n/language.js';
import { SettingsDialog } from './SettingsDialog.js';
import { SidebarToolbar } from './SidebarToolbar.js';
import { flush, renderWithApp } from './testHarness.js';

afterEach(async () => {
  cleanup();
  await i18n.changeLanguage('en');
});

describe('Settings: Language', () => {
  it('switches every shown text to German at once, Intl formats included, and back', async () => {
    let stored: Preferences = DEFAULT_PREFERENCES;
    const harness = renderWithApp(<><SidebarToolbar /><SettingsDialog onClose={() => undefined} /></>, (method, params) => {
      if (method !== 'preferences.set') return Promise.reject(new Error(`unexpected ${method}`));
      stored = { ...stored, ...(params as Partial<Preferences>) };
      harness.stores.preferences.setState({ preferences: stored });
      return Promise.resolve(stored);
    });
    const stop = startLanguage(document.documentElement, harness.stores.preferences, () => ['en-US']);
    const language = screen.getByLabelText('Language');
    expect((language as HTMLSelectElement).value).toBe('system');
    expect(within(language).getByRole('option', { name: 'System (English)' })).toBeTruthy();
    expect(screen.getByRole('option', { name: '12-hour (6:53 PM)' })).toBeTruthy();

    fireEvent.change(language, { target: { value: 'de' } });
    await flush();
    expect(harness.request).toHaveBeenCalledWith('preferences.set', { language: 'de' });
    expect(screen.getByRole('button', { name: 'Einstellungen' })).toBeTruthy();
    expect(screen.getByRole('dialog', { name: 'Einstellungen' })).toBeTruthy();
    expect(screen.getByLabelText('Sprache')).toBeTruthy();
    expect(screen.getByRole('option', { name: '24 Stunden (18:53)' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('de');

    fireEvent.change(screen.getByLabelText('Sprache'), { target: { value: 'system' } });
    await flush();
    expect(screen.getByRole('button', { name: 'Settings' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
    stop();
  });

  it('counts with the language\'s plural rules and writes numbers as it does', async () => {
    expect(i18n.t('notify.muteHours', { count: 1 })).toBe('Mute for 1 hour');
    expect(i18n.t('notify.muteHours', { count: 8 })).toBe('Mute for 8 hours');
    expect(i18n.t('members.count', { count: 1234 })).toBe('1,234 members');
    await i18n.changeLanguage('de');
    expect(i18n.t('notify.muteHours', { count: 1 })).toBe('1 Stunde stummschalten');
    expect(i18n.t('notify.muteHours', { count: 8 })).toBe('8 Stunden stummschalten');
    // Numbers through Intl.NumberFormat in the language: German groups thousands with a point.
    expect(i18n.t('members.count', { count: 1234 })).toBe('1.234 Mitglieder');
    expect(i18n.t('members.count', { count: 1 })).toBe('1 Mitglied');
  });
});
