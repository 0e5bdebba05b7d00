// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { conversation } from '../state/testData.js';
import { renderRoomApp } from './testApp.js';
import { flush } from './testHarness.js';

afterEach(cleanup);

describe('a room not joined', () => {
  it('reads without a composer, and "Join room again" joins it on request only, saying why it could not', async () => {
    let joins = 0;
    const harness = renderRoomApp({
      'conversations.joinRoom': () => {
        joins += 1;
        if (joins === 1) throw new Error('Cannot join #left: the channel is invite only.');
        return conversation({ id: 1, title: '#left', networkId: '#left', joined: true });
      },
    }, undefined, (stores) => {
      stores.conversations.setState({ byId: new Map([[1, conversation({ id: 1, title: '#left', networkId: '#left', joined: false })]]), tabs: [1], activeId: 1 });
    });
    await flush();
    const panel = screen.getByRole('tabpanel');
    expect(within(panel).getByText('You are not in this room: its history is shown read-only.')).toBeDefined();
    expect(within(panel).queryByRole('textbox', { name: 'Message' })).toBeNull();
    expect(harness.request).not.toHaveBeenCalledWith('conversations.joinRoom', expect.anything());

    fireEvent.click(within(panel).getByRole('button', { name: 'Join room again' }));
    await flush();
    expect(harness.request).toHaveBeenCalledWith('conversations.joinRoom', { accountId: 'acc-1', room: '#left' });
    expect(within(panel).getByRole('alert').textContent).toContain('invite only');
    fireEvent.click(within(panel).getByRole('button', { name: 'Join room again' }));
    await flush();
    expect(within(screen.getByRole('tabpanel')).getByRole('textbox', { name: 'Message' })).toBeDefined();
  });
});
