// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES, type Preferences, type PreferencesPatch } from '../../electron/bridge/preferences.js';
import { NotifyRuleMenu } from './NotifyRuleMenu.js';
import { flush, renderWithApp } from './testHarness.js';

afterEach(cleanup);

function renderMenu(node: ReactElement, start: Partial<Preferences> = {}) {
  let current: Preferences = { ...DEFAULT_PREFERENCES, ...start };
  return renderWithApp(node, (method, params) => {
    if (method !== 'preferences.set') throw new Error(method);
    current = { ...current, ...(params as PreferencesPatch) } as Preferences;
    return Promise.resolve(current);
  }, (stores) => stores.preferences.setState({ preferences: current }));
}

async function choose(button: string, item: string): Promise<void> {
  fireEvent.click(screen.getByRole('button', { name: new RegExp(`^${button}`) }));
  fireEvent.click(screen.getByRole('menuitem', { name: item }));
  await flush();
}

describe('the Notifications menu of a conversation or an account', () => {
  it('sets the conversation\u2019s own level, shows it, and goes back to the account\u2019s', async () => {
    const { request } = renderMenu(<NotifyRuleMenu accountId="acc-1" conversationId={4} name="#ui" />, { notifyRules: { 'account:acc-1': { level: 'all' } } });
    expect(screen.getByRole('button', { name: /^Notifications for #ui/ }).textContent).toBe('All messages');
    await choose('Notifications for #ui', 'Nothing');
    expect(request).toHaveBeenLastCalledWith('preferences.set', { notifyRules: { 'account:acc-1': { level: 'all' }, 'conversation:4': { level: 'nothing' } } });
    expect(screen.getByRole('button', { name: 'Notifications for #ui: Nothing' })).toBeTruthy();
    await choose('Notifications for #ui', 'Use the account\u2019s setting (All messages)');
    expect(request).toHaveBeenLastCalledWith('preferences.set', { notifyRules: { 'account:acc-1': { level: 'all' } } });
  });

  it('mutes an account until it is unmuted', async () => {
    const { request } = renderMenu(<NotifyRuleMenu accountId="acc-1" name="alice (IRC)" />);
    await choose('Notifications for alice \\(IRC\\)', 'Mute until I unmute');
    expect(request).toHaveBeenLastCalledWith('preferences.set', { notifyRules: { 'account:acc-1': { muteUntil: 'forever' } } });
    expect(screen.getByRole('button', { name: 'Notifications for alice (IRC): Muted' })).toBeTruthy();
    await choose('Notifications for alice \\(IRC\\)', 'Unmute');
    expect(request).toHaveBeenLastCalledWith('preferences.set', { notifyRules: {} });
    expect(screen.getByRole('button', { name: 'Notifications for alice (IRC): Direct messages and mentions' })).toBeTruthy();
  });
});
