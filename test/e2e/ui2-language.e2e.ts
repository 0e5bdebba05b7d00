/**
 * The UI's language end to end in Chromium against headless mode: an English browser shows
 * English; Settings' "Language" switches the open window to German at once (the Settings
 * button reads "Einstellungen") and the choice is kept in the profile across a reload; back
 * on "System", a German browser (navigator.languages de-DE) is shown German by itself.
 */
import { expect, test, type Page } from '@playwright/test';
import { loopbackScene, screenshot } from './scenes.js';

const scene = loopbackScene();

function toolbar(page: Page) {
  return page.getByRole('toolbar', { name: /Buddy list tools|Werkzeuge der Kontaktliste/ });
}

test('an English browser shows English; Language: Deutsch shows German at once and after a reload', async ({ page }) => {
  const { core } = scene();
  await page.goto(core.url);
  await expect(page.getByRole('heading', { name: 'Welcome to Switchboard' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await toolbar(page).getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const language = settings.getByLabel('Language');
  await expect(language).toHaveValue('system');
  await language.selectOption({ label: 'Deutsch' });

  const german = page.getByRole('dialog', { name: 'Einstellungen' });
  await expect(german.getByLabel('Sprache')).toHaveValue('de');
  await expect(german.getByRole('region', { name: 'Darstellung' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await screenshot(page, 'ui2-language-de.png');
  await german.getByRole('button', { name: 'Schließen' }).click();
  await expect(toolbar(page).getByRole('button', { name: 'Einstellungen' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Willkommen bei Switchboard' })).toBeVisible();

  await page.reload();
  await expect(toolbar(page).getByRole('button', { name: 'Einstellungen' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Konto hinzufügen' })).toBeVisible();

  // Back to the system's language: English in this browser.
  await toolbar(page).getByRole('button', { name: 'Einstellungen' }).click();
  await page.getByRole('dialog', { name: 'Einstellungen' }).getByLabel('Sprache').selectOption('system');
  await expect(page.getByRole('dialog', { name: 'Settings' }).getByLabel('Language')).toHaveValue('system');
  await page.keyboard.press('Escape');
  await expect(toolbar(page).getByRole('button', { name: 'Settings' })).toBeVisible();
});

test.describe('a German browser', () => {
  test.use({ locale: 'de-DE' });

  test('is shown German by itself while Language is System', async ({ page }) => {
    const { core } = scene();
    await page.goto(core.url);
    await expect(toolbar(page).getByRole('button', { name: 'Einstellungen' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Willkommen bei Switchboard' })).toBeVisible();
    await toolbar(page).getByRole('button', { name: 'Einstellungen' }).click();
    await expect(page.getByRole('dialog', { name: 'Einstellungen' }).getByRole('option', { name: 'System (Deutsch)' })).toBeAttached();
  });
});
