/**
 * "Settings": the user's preferences in one place, the same in every window (they live in
 * the profile, electron/bridge/preferences.ts). Each section is the component that also
 * sits where the option is used (auto-away under Status, list options under the filter).
 * The desktop app's own options are shown only in the desktop app, where they act: in
 * headless mode the page is an ordinary web page, which cannot hide a browser to a tray,
 * update it, or choose Chromium's spellcheck dictionaries (the browser's own settings do).
 */
import { useId, type ReactNode } from 'react';
import { findPreloadBridge } from '../bridge/transports.js';
import { AppearanceSettings } from './AppearanceSettings.js';
import { AutoAwaySettings } from './AutoAwaySettings.js';
import { BuddyListOptions } from './BuddyListOptions.js';
import { DesktopPreferences } from './DesktopPreferences.js';
import { Dialog } from './Dialog.js';
import { NotificationSettings } from './NotificationSettings.js';
import { TimelineSettings } from './TimelineSettings.js';
import { RetentionSettings } from './RetentionSettings.js';
import { LanguageSettings } from './LanguageSettings.js';
import { useT } from '../i18n/index.js';

function Section({ title, children }: { readonly title: string; readonly children: ReactNode }) {
  const id = useId();
  return (
    <section className="settings-section" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

export function SettingsDialog({ onClose }: { readonly onClose: () => void }) {
  const desktopApp = findPreloadBridge(window) !== undefined;
  const t = useT();
  return (
    <Dialog title={t('settings.title')} onClose={onClose}>
      <Section title={t('settings.appearance')}><AppearanceSettings /><LanguageSettings /></Section>
      <Section title={t('settings.autoAway')}><AutoAwaySettings /></Section>
      <Section title={t('settings.buddyList')}><BuddyListOptions /></Section>
      <Section title={t('settings.timeline')}><TimelineSettings /></Section>
      <Section title={t('settings.notifications')}><NotificationSettings /></Section>
      <Section title={t('settings.history')}><RetentionSettings /></Section>
      {desktopApp ? <DesktopPreferences /> : null}
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose}>{t('common.close')}</button>
      </div>
    </Dialog>
  );
}
