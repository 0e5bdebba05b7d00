/**
 * Settings' Appearance section end to end in Chromium against headless mode: Dark changes the
 * colours the page is drawn in (checked by computed colours, with AA contrast), System follows
 * the browser's prefers-color-scheme live, Large text enlarges the root font and the text
 * sized from it, and the Clock changes a message's shown time.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { AA_CONTRAST, contrastRatio } from '../../renderer/state/identityColour.js';
import { loopbackScene, openLoopbackChat, screenshot } from './scenes.js';

const scene = loopbackScene();

interface Drawn {
  readonly text: string;
  readonly background: string;
}

/** An element's text colour and the background it is drawn on (the nearest opaque one), as #rrggbb. */
async function drawn(element: Locator): Promise<Drawn> {
  return element.evaluate((node) => {
    const hex = (rgb: string): string => {
      const parts = /rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)/.exec(rgb);
      if (!parts) return rgb;
      return `#${[parts[1], parts[2], parts[3]].map((part) => Number(part).toString(16).padStart(2, '0')).join('')}`;
    };
    const opaque = (rgb: string): boolean => rgb !== 'transparent' && !/rgba\(.*, 0\)$/.test(rgb);
    let background = 'rgb(255, 255, 255)';
    for (let at: Element | null = node; at; at = at.parentElement) {
      const colour = getComputedStyle(at).backgroundColor;
      if (opaque(colour)) {
        background = colour;
        break;
      }
    }
    return { text: hex(getComputedStyle(node).color), background: hex(background) };
  });
}

function expectLegible(colours: Drawn): void {
  expect(contrastRatio(colours.text, colours.background), `${colours.text} on ${colours.background}`).toBeGreaterThanOrEqual(AA_CONTRAST);
}

async function openSettings(page: Page): Promise<Locator> {
  await page.getByRole('toolbar', { name: 'Buddy list tools' }).getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await expect(settings.getByRole('region', { name: 'Appearance' })).toBeVisible();
  return settings;
}

test('Theme, Text size and Clock take effect on the page', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  const { core } = scene();
  await page.goto(core.url);
  const { log, composer } = await openLoopbackChat(page);
  await composer.fill('how does this look in the dark?');
  await composer.press('Enter');
  const message = log.locator('.message.outgoing').filter({ hasText: 'how does this look in the dark?' });
  await expect(message).toBeVisible();
  const body = message.locator('.message-body');
  const pageBody = page.locator('body');
  const html = page.locator('html');

  const lightPage = await drawn(pageBody);
  const lightMessage = await drawn(body);
  expectLegible(lightPage);
  expectLegible(lightMessage);

  // Dark, chosen with the keyboard: focus the select and pick with the arrow keys.
  const settings = await openSettings(page);
  const theme = settings.getByRole('combobox', { name: 'Theme', exact: true });
  await expect(theme).toHaveValue('system');
  await theme.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(theme).toHaveValue('dark');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect.poll(async () => (await drawn(pageBody)).background).not.toBe(lightPage.background);
  const darkPage = await drawn(pageBody);
  const darkMessage = await drawn(body);
  expect(darkPage.text).not.toBe(lightPage.text);
  expect(darkMessage.background).not.toBe(lightMessage.background);
  expect(darkMessage.text).not.toBe(lightMessage.text);
  // Dark means dark: a background darker than its text.
  expect(contrastRatio(darkPage.background, '#000000')).toBeLessThan(contrastRatio(darkPage.text, '#000000'));
  expectLegible(darkPage);
  expectLegible(darkMessage);
  expectLegible(await drawn(settings.getByText('Text size', { exact: true })));
  expect(await html.evaluate((node) => getComputedStyle(node).colorScheme)).toBe('dark');
  await screenshot(page, 'ui2-appearance-dark.png');

  // System follows the browser's colour scheme, live.
  await theme.selectOption({ label: 'System' });
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect.poll(async () => (await drawn(pageBody)).background).toBe(darkPage.background);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(async () => (await drawn(pageBody)).background).toBe(lightPage.background);

  // Large text: the root font, and text sized from it (a message's time, 12px at Normal).
  const time = message.locator('.message-time');
  const fontSize = async (element: Locator): Promise<number> => element.evaluate((node) => Number.parseFloat(getComputedStyle(node).fontSize));
  expect(await fontSize(html)).toBe(14);
  expect(await fontSize(time)).toBeCloseTo(12, 1);
  await settings.getByRole('combobox', { name: 'Text size' }).selectOption({ label: 'Large' });
  await expect.poll(() => fontSize(html)).toBe(17);
  expect(await fontSize(time)).toBeCloseTo(12 * 17 / 14, 1);
  expect(await fontSize(body)).toBe(17);

  // The Clock: a message's time in 24-hour, then 12-hour form (the browser's language, en-US, has 12).
  const iso = await time.getAttribute('datetime');
  if (iso === null) throw new Error('a message time without its datetime');
  const { hours, minutes } = await page.evaluate((value) => {
    const date = new Date(value);
    return { hours: date.getHours(), minutes: String(date.getMinutes()).padStart(2, '0') };
  }, iso);
  await expect(time).toHaveText(/\s?[AP]M$/);
  const clock = settings.getByRole('combobox', { name: 'Clock' });
  await clock.selectOption({ label: '24-hour (18:53)' });
  await expect(time).toHaveText(`${String(hours).padStart(2, '0')}:${minutes}`);
  await clock.selectOption({ label: '12-hour (6:53 PM)' });
  const twelve = String(hours % 12 === 0 ? 12 : hours % 12).padStart(2, '0');
  await expect(time).toHaveText(new RegExp(`^${twelve}:${minutes}\\s${hours < 12 ? 'AM' : 'PM'}$`));

  // Kept in the profile: a reload comes back large, 12-hour, following the system.
  await page.keyboard.press('Escape');
  await page.reload();
  await expect.poll(() => fontSize(html)).toBe(17);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(time).toHaveText(new RegExp(`^${twelve}:${minutes}\\s${hours < 12 ? 'AM' : 'PM'}$`));
  await screenshot(page, 'ui2-appearance-dark-large.png');
});
