// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BridgeRequestError } from '../../electron/bridge/client.js';
import { applyEventBatch } from '../state/applyEvents.js';
import { resetRequests } from '../state/requests.js';
import { account, request } from '../state/testData.js';
import { App } from './App.js';
import { RequestsPanel } from './RequestsPanel.js';
import { flush, renderWithApp } from './testHarness.js';

afterEach(cleanup);

describe('the requests list', () => {
  it('is absent while nothing is asked, and appears above the buddy list when a network asks', () => {
    const { stores } = renderWithApp(<App />, () => Promise.resolve(null));
    expect(screen.queryByRole('list', { name: 'Requests' })).toBeNull();
    act(() => { applyEventBatch(stores, [{ type: 'request.raised', payload: { request: request() } }]); });
    const list = screen.getByRole('list', { name: 'Requests' });
    const contacts = screen.getByRole('list', { name: 'Contacts' });
    expect(list.compareDocumentPosition(contacts) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    act(() => { applyEventBatch(stores, [{ type: 'request.closed', payload: { accountId: 'acc-1', requestId: 'req-1' } }]); });
    expect(screen.queryByRole('list', { name: 'Requests' })).toBeNull();
  });

  it('shows title, account, detail (verification emoji large) and one button per choice; answering removes it', async () => {
    const { request: send } = renderWithApp(<RequestsPanel />, () => Promise.resolve(null), (stores) => {
      stores.accounts.setState({ list: [account({ label: 'me@xmpp.example' })] });
      stores.requests.setState(resetRequests([
        request({ id: 'v', kind: 'verification', title: 'Verify your other device', detail: '🐶 🔑 🎸 🌵 🚀 🍕 ⚓', choices: [{ id: 'match', label: 'They match' }, { id: 'nomatch', label: 'They don\'t match' }], raisedAt: 2 }),
        request({ id: 's', title: 'bob wants to add you', raisedAt: 1 }),
      ]));
    });
    const items = within(screen.getByRole('list', { name: 'Requests' })).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('.request-title')?.textContent)).toEqual(['bob wants to add you', 'Verify your other device']);
    expect(items[0]?.textContent).toContain('me@xmpp.example');
    const detail = items[1]?.querySelector('.request-detail');
    expect(detail?.textContent).toBe('🐶 🔑 🎸 🌵 🚀 🍕 ⚓');
    expect(detail?.classList.contains('verification')).toBe(true);
    const verification = within(items[1] ?? document.body);
    expect(verification.getAllByRole('button').map((button) => button.textContent)).toEqual(['They match', 'They don\'t match']);
    fireEvent.click(verification.getByRole('button', { name: 'They match' }));
    await flush();
    expect(send).toHaveBeenCalledWith('requests.answer', { accountId: 'acc-1', requestId: 'v', choiceId: 'match' });
    expect(within(screen.getByRole('list', { name: 'Requests' })).getAllByRole('listitem')).toHaveLength(1);
  });

  it('shows the core\'s error and keeps the request open', async () => {
    renderWithApp(<RequestsPanel />,
      () => Promise.reject(new BridgeRequestError({ kind: 'not-supported', message: 'Requests cannot be answered yet.' })),
      (stores) => stores.requests.setState(resetRequests([request()])));
    fireEvent.click(screen.getByRole('button', { name: 'Deny' }));
    await flush();
    expect(screen.getByRole('alert').textContent).toBe('Requests cannot be answered yet.');
    expect(screen.getByRole('button', { name: 'Allow' })).toHaveProperty('disabled', false);
  });
});
