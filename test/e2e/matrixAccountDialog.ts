/** The Matrix account dialog, filled the way a person does it (shared by the Matrix end-to-end tests). */
import { expect, type Page } from '@playwright/test';

/**
 * Fills and saves the Add account dialog for a Matrix account on `homeserver`; with
 * `acceptDirectInvites`, ticks "Open direct chats from anyone at once" (off by default).
 */
export async function addMatrixAccount(page: Page, homeserver: string, userId: string, password: string, options: { acceptDirectInvites?: boolean } = {}): Promise<void> {
  await page.getByRole('button', { name: 'Add account' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add account' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Network').selectOption({ label: 'Matrix' });
  await dialog.getByLabel('User ID').fill(userId);
  await dialog.getByLabel('Password', { exact: true }).fill(password);
  await dialog.getByRole('button', { name: 'Show advanced settings' }).click();
  await dialog.getByLabel('Homeserver URL').fill(homeserver);
  if (options.acceptDirectInvites === true) await dialog.getByLabel('Open direct chats from anyone at once').check();
  await dialog.getByRole('button', { name: 'Save account' }).click();
  await expect(dialog).toBeHidden();
}

export function matrixAccountItem(page: Page, userId: string) {
  return page.getByRole('list', { name: 'Accounts' }).getByRole('listitem').filter({ hasText: `${userId} (Matrix)` });
}
