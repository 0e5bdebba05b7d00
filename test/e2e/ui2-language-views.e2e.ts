/**
 * The German UI beyond the first screens, in Chromium against headless mode (loopback
 * plugin): once Language is Deutsch, the views whose texts came into the catalogue last
 * (issue 15) speak German — the message log and the accessible names renderer/state builds
 * for its messages, the log viewer with its days in German (Intl), the Accounts dialog's row
 * and the account form, the search panel with its filters, the Plugins dialog's row — and
 * axe-core (WCAG 2.0/2.1 A and AA) still finds no serious or critical violation on each,
 * in the light and in the dark palette.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { loopbackScene, openLoopbackChat, screenshot } from './scenes.js';

const scene = loopbackScene();
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The serious and critical violations on the page as it is, in both palettes ("rule: first nodes"). */
async function blockingViolations(page: Page, screen: string): Promise<string[]> {
  const blocking: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    console.log(`axe, ${screen} (${theme}): ${violations.length} rules violated, ${serious.length} serious or critical`);
    blocking.push(...serious.map((violation) => `${screen} (${theme}): ${violation.id} — ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(' | ')}`));
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return blocking;
}

function toolbar(page: Page) {
  return page.getByRole('toolbar', { name: 'Werkzeuge der Kontaktliste' });
}

test('Deutsch: the message log, log viewer, accounts, search with filters and plugins speak German, and pass axe', async ({ page }) => {
  const { core } = scene();
  await page.goto(core.url);
  // Set up in English (the shared steps find controls by their English names), then switch.
  const { log, composer } = await openLoopbackChat(page);
  await composer.fill('hallo walross');
  await composer.press('Enter');
  await expect(log.locator('.message').filter({ hasText: 'echo: hallo walross' })).toHaveCount(1);
  const stored = await log.locator('.message').count();

  await page.getByRole('toolbar', { name: 'Buddy list tools' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('dialog', { name: 'Settings' }).getByLabel('Language').selectOption({ label: 'Deutsch' });
  await page.getByRole('dialog', { name: 'Einstellungen' }).getByRole('button', { name: 'Schließen' }).click();
  const blocking: string[] = [];

  // The message log, and the accessible names renderer/state puts together (messageLabel.ts).
  const germanLog = page.getByRole('log', { name: 'Nachrichten in echo-bot' });
  await expect(germanLog.getByRole('listitem', { name: /^alice, \S.*: hallo walross\. Reaktionen: 👍 von echo-bot$/ })).toBeVisible();
  await expect(germanLog.getByRole('listitem', { name: /^echo-bot, \S.*, als Antwort an alice: echo: hallo walross$/ })).toBeVisible();
  blocking.push(...await blockingViolations(page, 'conversation'));

  // The log viewer, from the conversation's header: its day in German words, its count with the German plural.
  await page.getByRole('main', { name: 'Chat' }).getByRole('button', { name: 'Protokoll anzeigen' }).click();
  const viewer = page.getByRole('dialog', { name: /^Protokoll: / });
  const day = viewer.getByRole('list', { name: 'Tage mit Nachrichten' }).getByRole('button');
  const today = await page.evaluate(() => new Intl.DateTimeFormat('de', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date()));
  await expect(day).toHaveAccessibleName(`${today}, ${stored} Nachrichten`);
  await day.press('Enter');
  await expect(viewer.getByRole('heading', { name: today })).toBeVisible();
  await viewer.getByRole('searchbox', { name: 'In diesem Tag suchen' }).fill('walross');
  await expect(viewer.getByRole('status')).toHaveText(`2 von ${stored} Nachrichten passen`);
  await expect(viewer.getByLabel('Nur passende Nachrichten')).toBeVisible();
  blocking.push(...await blockingViolations(page, 'Protokoll'));
  await viewer.getByRole('button', { name: 'Schließen' }).click();
  await expect(viewer).toBeHidden();

  // The Accounts dialog's row, and the account form.
  await toolbar(page).getByRole('button', { name: 'Konten', exact: true }).click();
  const accounts = page.getByRole('dialog', { name: 'Konten' });
  const row = accounts.getByRole('list', { name: 'Konten' }).getByRole('listitem').filter({ hasText: 'alice' });
  await expect(row.getByLabel('Aktiviert')).toBeChecked();
  await expect(row.getByRole('button', { name: 'Servermeldungen' })).toBeVisible();
  await expect(row.getByRole('button', { name: /^alice.* nach oben verschieben$/ })).toBeVisible();
  await expect(row.getByRole('button', { name: 'Konto entfernen' })).toBeVisible();
  blocking.push(...await blockingViolations(page, 'Konten'));
  await row.getByRole('button', { name: 'Konto bearbeiten' }).click();
  const form = page.getByRole('dialog', { name: 'Konto bearbeiten' });
  await expect(form.getByLabel('Netzwerk')).toBeDisabled();
  await expect(form.getByRole('button', { name: 'Konto speichern' })).toBeVisible();
  blocking.push(...await blockingViolations(page, 'Konto bearbeiten'));
  await form.getByRole('button', { name: 'Abbrechen' }).click();
  await expect(form).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(accounts).toBeHidden();

  // The search panel with its filters open, and a count with the German plural.
  const search = page.getByRole('searchbox', { name: 'Nachrichten durchsuchen' });
  await page.getByText('Filter', { exact: true }).click();
  await expect(page.getByLabel('Konto', { exact: true })).toHaveValue('');
  await expect(page.getByRole('option', { name: 'Beliebiges Konto' })).toBeAttached();
  await expect(page.getByLabel('Enthält einen Link')).not.toBeChecked();
  await search.fill('walross');
  await search.press('Enter');
  await expect(page.getByRole('list', { name: 'Suchergebnisse' }).getByRole('button')).toHaveCount(2);
  await expect(page.getByText('2 Nachrichten für „walross“ gefunden')).toBeAttached();
  await screenshot(page, 'ui2-language-views-search.png');
  blocking.push(...await blockingViolations(page, 'Suche mit Filtern'));
  await page.getByRole('button', { name: 'Suche leeren' }).click();

  // The Plugins dialog's row: state and origin in words (pluginFigures.ts), its buttons.
  await toolbar(page).getByRole('button', { name: 'Plugins' }).click();
  const plugins = page.getByRole('dialog', { name: 'Plugins' });
  const loopback = plugins.getByRole('list', { name: 'Plugins' }).getByRole('listitem', { name: 'Loopback' });
  await expect(loopback).toContainText('Eingebaut, in einem Worker-Thread');
  await expect(loopback).toContainText('Zustand: Läuft');
  await expect(loopback).toContainText(/Konten: alice/);
  await expect(loopback.getByRole('button', { name: 'Neu starten' })).toBeVisible();
  await expect(loopback.getByRole('button', { name: 'Deaktivieren' })).toBeVisible();
  await screenshot(page, 'ui2-language-views-plugins.png');
  blocking.push(...await blockingViolations(page, 'Plugins'));
  await page.keyboard.press('Escape');
  await expect(plugins).toBeHidden();

  expect(blocking).toEqual([]);
});
