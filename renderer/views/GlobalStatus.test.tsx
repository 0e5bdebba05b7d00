// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestName } from '../../electron/bridge/contract.js';
import type { StatusChoice, StatusView } from '../../electron/bridge/userStatus.js';
import { account } from '../state/testData.js';
import { GlobalStatus } from './GlobalStatus.js';
import { flush, renderWithApp } from './testHarness.js';

afterEach(cleanup);

/** A core that keeps the status it is given, as the real one does (saved statuses included). */
function statusCore(initial: Partial<StatusView> = {}) {
  let view: StatusView = { global: { status: 'available' }, autoAway: false, saved: [], overrides: {}, notes: {}, ...initial };
  let clock = 100;
  return (method: RequestName, params: unknown): Promise<unknown> => {
    const p = params as StatusChoice & { name?: string; savedName?: string };
    const choice: StatusChoice = { status: p.status, ...(p.message !== undefined ? { message: p.message } : {}) };
    switch (method) {
      case 'status.get': break;
      case 'status.set': view = { ...view, global: choice }; break;
      case 'status.save': view = { ...view, saved: [{ name: p.name ?? '', ...choice, lastUsed: clock++ }, ...view.saved] }; break;
      case 'status.forget': view = { ...view, saved: view.saved.filter((s) => s.name !== p.name) }; break;
      default: return Promise.reject(new Error(`${method}: not expected`));
    }
    return Promise.resolve(view);
  };
}

describe('the Status control', () => {
  it('offers the five statuses by keyboard, sets one with its message, and saves it under a name', async () => {
    const { request } = renderWithApp(<GlobalStatus />, statusCore());
    await flush();
    const select = screen.getByRole('combobox', { name: 'Status' });
    expect(within(select).getAllByRole('option').map((option) => option.textContent)).toEqual(['Available', 'Away', 'Busy', 'Invisible', 'Offline']);
    const message = screen.getByRole('textbox', { name: 'Status message' });
    fireEvent.change(message, { target: { value: 'in a meeting' } });
    fireEvent.change(select, { target: { value: 'busy' } });
    await flush();
    expect(request).toHaveBeenLastCalledWith('status.set', { status: 'busy', message: 'in a meeting' });
    expect(screen.getByRole('combobox', { name: 'Status' })).toHaveProperty('value', 'busy');

    fireEvent.click(screen.getByRole('button', { name: 'Save status…' }));
    const name = screen.getByRole('textbox', { name: 'Name of the saved status' });
    fireEvent.change(name, { target: { value: 'Meeting' } });
    fireEvent.keyDown(name, { key: 'Enter' });
    await flush();
    expect(request).toHaveBeenLastCalledWith('status.save', { name: 'Meeting', status: 'busy', message: 'in a meeting' });
    const saved = within(screen.getByRole('combobox', { name: 'Status' })).getByRole('group', { name: 'Saved statuses' });
    expect(within(saved).getAllByRole('option').map((option) => option.textContent)).toEqual(['Meeting — Busy: in a meeting']);
    expect(screen.getByRole('button', { name: 'Forget saved status “Meeting”' })).toBeTruthy();

    // Back to Available, then the saved status again from the list.
    fireEvent.change(screen.getByRole('textbox', { name: 'Status message' }), { target: { value: '' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: 'available' } });
    await flush();
    expect(request).toHaveBeenLastCalledWith('status.set', { status: 'available' });
    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: 'saved:0' } });
    await flush();
    expect(request).toHaveBeenLastCalledWith('status.set', { status: 'busy', message: 'in a meeting', savedName: 'Meeting' });
    expect(screen.getByRole('textbox', { name: 'Status message' })).toHaveProperty('value', 'in a meeting');
  });

  it('says when auto-away is in effect, which accounts have their own status, and what a network cannot show', async () => {
    renderWithApp(<GlobalStatus />, statusCore({
      autoAway: true, autoAwayMessage: 'gone for coffee', overrides: { i: { status: 'busy', message: 'focus' } },
      notes: { i: 'IRC cannot hide a connected user.' },
    }), (stores) => stores.accounts.setState({ list: [account({ id: 'i', pluginId: 'irc', label: 'me (IRC)' })] }));
    await flush();
    expect(screen.getByRole('status').textContent).toBe('Away while you are idle: gone for coffee. Back at your next key press or click.');
    expect(within(screen.getByRole('list', { name: 'Accounts with their own status' })).getByRole('listitem').textContent).toBe('me (IRC): Busy (focus)');
    expect(within(screen.getByRole('list', { name: 'What the networks show' })).getByRole('listitem').textContent).toBe('me (IRC): IRC cannot hide a connected user.');
  });

  it('shows the core\'s refusal in words', async () => {
    renderWithApp(<GlobalStatus />, (method) => (method === 'status.get'
      ? statusCore()(method, {})
      : Promise.reject(new Error('The disk is full.'))));
    await flush();
    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: 'away' } });
    await flush();
    expect(screen.getByRole('alert').textContent).toBe('Status not changed: The disk is full.');
  });
});
