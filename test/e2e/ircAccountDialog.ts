/** What the IRC end-to-end tests do again and again, the way a person does it. */
import { expect, type Locator, type Page } from '@playwright/test';

export interface IrcAccountFields {
  readonly port: number;
  readonly nick: string;
  readonly tls?: boolean;
  readonly server?: string;
  readonly password?: string;
  /** Tick "Allow sending my password without encryption" (advanced settings). */
  readonly allowPlainPassword?: boolean;
}

/** Fills and saves the Add account dialog for an IRC account. */
export async function addIrcAccount(page: Page, fields: IrcAccountFields): Promise<void> {
  await page.getByRole('button', { name: 'Add account' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add account' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Network').selectOption({ label: 'IRC' });
  await dialog.getByLabel('Server', { exact: true }).fill(fields.server ?? '127.0.0.1');
  await dialog.getByLabel('Port').fill(String(fields.port));
  await dialog.getByLabel('Use TLS').setChecked(fields.tls ?? false);
  await dialog.getByLabel('Nickname').fill(fields.nick);
  if (fields.password !== undefined) await dialog.getByLabel('Server password').fill(fields.password);
  if (fields.allowPlainPassword === true) {
    await dialog.getByRole('button', { name: 'Show advanced settings' }).click();
    await dialog.getByLabel('Allow sending my password without encryption').check();
  }
  await dialog.getByRole('button', { name: 'Save account' }).click();
  await expect(dialog).toBeHidden();
}

/** The Accounts list item of an IRC account, by nick. */
export function ircAccountItem(page: Page, nick: string): Locator {
  return page.getByRole('list', { name: 'Accounts' }).getByRole('listitem').filter({ hasText: `${nick} (IRC)` });
}
