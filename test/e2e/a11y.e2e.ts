/**
 * axe-core (WCAG 2.0/2.1 A and AA rules) on each main screen, in Chromium against headless
 * mode with the loopback plugin: the empty app, the buddy list with an account and a group,
 * a conversation with a reply and a reaction, a room with its members, and each dialog that opens without a server.
 * The counts per screen and impact are printed; a serious or critical violation fails.
 * No rule is disabled.
 * Each screen is audited twice, in the light and in the dark palette: the Theme setting's
 * default ("System") follows prefers-color-scheme, which the test switches (the same
 * `data-theme` the "Dark" choice sets, renderer/state/appearance.ts).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { joinRoom, loopbackScene, openLoopbackChat } from './scenes.js';

const scene = loopbackScene();
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
type Impact = 'minor' | 'moderate' | 'serious' | 'critical';

type Theme = 'light' | 'dark';

interface ScreenResult {
  readonly screen: string;
  readonly theme: Theme;
  readonly counts: Record<Impact, number>;
  /** Nodes axe could not decide on by itself (e.g. contrast over a gradient): printed, for a person to look at. */
  readonly review: number;
  /** Each serious or critical violation: rule, and the first few offending nodes. */
  readonly blocking: readonly string[];
}

const results: ScreenResult[] = [];

async function audit(page: Page, screen: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await auditIn(page, screen, theme);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
}

async function auditIn(page: Page, screen: string, theme: Theme): Promise<void> {
  const { violations, incomplete } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const counts: Record<Impact, number> = { minor: 0, moderate: 0, serious: 0, critical: 0 };
  const blocking: string[] = [];
  for (const violation of violations) {
    const impact = violation.impact ?? 'minor';
    counts[impact] += violation.nodes.length;
    if (impact === 'serious' || impact === 'critical') {
      const targets = violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(' | ');
      blocking.push(`${violation.id} (${impact}, ${violation.nodes.length}): ${violation.help} — ${targets}`);
    }
  }
  const review = incomplete.reduce((sum, check) => sum + check.nodes.length, 0);
  results.push({ screen, theme, counts, review, blocking });
}

/** Opens a dialog with `open`, audits the page with it, and closes it with Escape. */
async function auditDialog(page: Page, name: string, open: () => Promise<unknown>): Promise<void> {
  await open();
  const dialog: Locator = page.getByRole('dialog', { name, exact: true });
  await expect(dialog).toBeVisible();
  await audit(page, `dialog: ${name}`);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

test.afterAll(() => {
  const rows = results.map(({ screen, theme, counts, review }) => ({ screen, theme, ...counts, 'to review': review }));
  console.log('axe-core violations (nodes) per screen, theme and impact:');
  console.table(rows);
  for (const { screen, theme, blocking } of results) for (const line of blocking) console.log(`  ${screen} (${theme}): ${line}`);
});

test('no serious or critical axe violation on any main screen', async ({ page }) => {
  const { core } = scene();
  await page.goto(core.url);
  await expect(page.getByRole('toolbar', { name: 'Buddy list tools' })).toBeVisible();
  await audit(page, 'empty app (welcome)');

  const tools = page.getByRole('toolbar', { name: 'Buddy list tools' });
  await auditDialog(page, 'Accounts', () => tools.getByRole('button', { name: 'Accounts', exact: true }).click());
  await auditDialog(page, 'Settings', () => tools.getByRole('button', { name: 'Settings' }).click());
  await tools.getByRole('button', { name: 'Accounts', exact: true }).click();
  await auditDialog(page, 'Add account', () => page.getByRole('dialog', { name: 'Accounts' }).getByRole('button', { name: 'Add account' }).click());
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Accounts' })).toBeHidden();

  const { log, composer } = await openLoopbackChat(page);
  await page.getByRole('button', { name: 'New group' }).click();
  await page.getByLabel('Group name').fill('Work');
  await page.getByRole('button', { name: 'Create group' }).click();
  await expect(page.getByRole('button', { name: /^Work \(/ })).toBeVisible();
  await audit(page, 'buddy list (account, group)');

  await composer.fill('hello');
  await composer.press('Enter');
  // The echo replies to mine and reacts to it with a thumbs-up.
  await expect(log.locator('.message').filter({ hasText: 'echo: hello' })).toHaveCount(1);
  await expect(log.getByText('👍').first()).toBeVisible();
  // Each message is one list item, named the way a screen reader reads it.
  await expect(log.getByRole('listitem', { name: /^alice, \S.*: hello\. Reactions: 👍 from echo-bot$/ })).toBeVisible();
  await expect(log.getByRole('listitem', { name: /^echo-bot, \S.*, in reply to alice: echo: hello$/ })).toBeVisible();
  await audit(page, 'conversation (reply, reaction)');
  // The conversation's Notifications menu, open.
  await page.getByRole('button', { name: 'Notifications for echo-bot' }).click();
  await expect(page.getByRole('menu', { name: 'Notifications for echo-bot' })).toBeVisible();
  await audit(page, 'menu: Notifications');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu', { name: 'Notifications for echo-bot' })).toBeHidden();
  await auditDialog(page, 'Emoji', async () => {
    await page.getByRole('button', { name: 'Emoji', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Emoji' }).getByRole('gridcell').first()).toBeVisible();
  });

  await auditDialog(page, 'Switch to', () => page.keyboard.press('Control+k'));
  await auditDialog(page, 'Join room', () => page.getByRole('button', { name: 'Join room' }).first().click());
  await joinRoom(page, '#lounge');
  await expect(page.getByRole('list', { name: 'Members' }).getByText('echo-bot')).toBeVisible();
  await audit(page, 'room (members)');
  await auditDialog(page, 'Export history', () => page.getByRole('button', { name: 'Export history…' }).click());

  expect(results.flatMap(({ screen, theme, blocking }) => blocking.map((line) => `${screen} (${theme}): ${line}`))).toEqual([]);
});
