/** The Matrix account dialog, filled the way a person does it (shared by the Matrix end-to-end tests). */
import { expect, type Page } from '@playwright/test';
import { addAccount, expectAccount } from './accountsDialog.js';

/**
 * Fills and saves the Add account dialog (from the Accounts dialog) for a Matrix account on
 * `homeserver`; with `acceptDirectInvites`, ticks "Open direct chats from anyone at once" (off by default).
 */
export async function addMatrixAccount(page: Page, homeserver: string, userId: string, password: string, options: { acceptDirectInvites?: boolean } = {}): Promise<void> {
  await addAccount(page, async (dialog) => {
    await dialog.getByLabel('Network').selectOption({ label: 'Matrix' });
    await dialog.getByLabel('User ID').fill(userId);
    await dialog.getByLabel('Password', { exact: true }).fill(password);
    await dialog.getByRole('button', { name: 'Show advanced settings' }).click();
    await dialog.getByLabel('Homeserver URL').fill(homeserver);
    if (options.acceptDirectInvites === true) await dialog.getByLabel('Open direct chats from anyone at once').check();
  });
}

/** Waits until the Matrix account's row in the Accounts dialog shows each text. */
export function expectMatrixAccount(page: Page, userId: string, ...expected: readonly (string | RegExp)[]): Promise<void> {
  return expectAccount(page, `${userId} (Matrix)`, ...expected);
}

/** New message → Contact → Open, as a person does it: the direct chat with `contactId` opens. */
export async function openNewMessage(page: Page, contactId: string): Promise<void> {
  await page.getByRole('button', { name: 'New message' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New message' });
  await dialog.getByLabel('Contact').fill(contactId);
  await dialog.getByRole('button', { name: 'Open' }).click();
  await expect(dialog).toBeHidden();
}
