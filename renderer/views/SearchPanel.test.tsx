// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { contactKey } from '../state/contacts.js';
import { resetPeople } from '../state/people.js';
import { contact, conversation, message } from '../state/testData.js';
import { renderRoomApp } from './testApp.js';
import { flush } from './testHarness.js';

afterEach(cleanup);

async function search(text: string, scope?: string): Promise<void> {
  if (scope !== undefined) fireEvent.change(screen.getByRole('combobox', { name: 'Search in' }), { target: { value: scope } });
  const box = screen.getByRole('searchbox', { name: 'Search messages' });
  fireEvent.change(box, { target: { value: text } });
  fireEvent.submit(box);
  await flush();
}

/** Open the "Filters" disclosure as a user does, by its summary (its fields come with the toggle event, a task later). */
async function openFilters(): Promise<void> {
  const summary = screen.getByText(/^Filters/);
  fireEvent.click(summary);
  expect(summary.closest('details')?.open).toBe(true);
  await screen.findByRole('combobox', { name: 'Network' });
}

const history = Array.from({ length: 5 }, (_, index) => message({ id: index + 1, timestamp: (index + 1) * 1000, body: `line ${index + 1}` }));

describe('message search', () => {
  it('shows results grouped by conversation, with matches as marks made of text: hostile snippets stay text', async () => {
    const hits = [
      { message: message({ id: 4, senderName: 'bob', timestamp: 4000 }), snippet: 'see \u0002<script>window.pwned=1</script>\u0003 and <img src=x onerror=alert(1)>' },
      { message: message({ id: 7, conversationId: 9, senderName: 'eve', timestamp: 3000 }), snippet: 'elsewhere \u0002script\u0003' },
    ];
    const harness = renderRoomApp({ 'search.query': () => hits });
    await search('script');
    expect(harness.request).toHaveBeenCalledWith('search.query', { query: 'script', limit: 50 });
    const results = screen.getByRole('list', { name: 'Search results' });
    expect(results.querySelector('script, img')).toBeNull();
    expect([...results.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['<script>window.pwned=1</script>', 'script']);
    expect(results.textContent).toContain('and <img src=x onerror=alert(1)>');
    expect(results.textContent).toContain('#room');
    expect(results.textContent).toContain('bob');
    expect(results.textContent).toContain('Closed conversation');
    const closed = within(results).getByRole('button', { name: /Closed conversation: eve/ });
    expect(closed).toHaveProperty('disabled', false);
    expect(closed.getAttribute('title')).toBe('Open this closed conversation again at this message');
    expect(screen.getByText('2 messages found for “script”').getAttribute('role')).toBe('status');
  });

  it('opens the result\'s conversation and focuses the message; says when nothing is found', async () => {
    const harness = renderRoomApp({
      'messages.list': () => history,
      'search.query': (params) => ((params as { query: string }).query === 'line'
        ? [{ message: history[2], snippet: '\u0002line\u0003 3' }] : []),
    });
    await search('line');
    fireEvent.click(within(screen.getByRole('list', { name: 'Search results' })).getByRole('button', { name: /line 3/ }));
    await flush();
    expect(screen.getByRole('tab', { name: '#room' }).getAttribute('aria-selected')).toBe('true');
    const log = screen.getByRole('log', { name: 'Messages in #room' });
    const target = log.querySelector('#message-1-3');
    // Focused once the windowed log has rendered its row (the next animation frames).
    await waitFor(() => expect(document.activeElement).toBe(target));
    expect(target?.classList.contains('focused')).toBe(true);
    expect(harness.stores.ui.getState().focusedMessage).toEqual({ conversationId: 1, messageId: 3 });

    await search('nothing');
    expect(screen.getByText('No messages found')).toBeDefined();
    expect(screen.queryByRole('list', { name: 'Search results' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Clear search' }));
    expect(screen.queryByText('No messages found')).toBeNull();
    expect(screen.getByRole('searchbox', { name: 'Search messages' })).toHaveProperty('value', '');
  });

  it('searches only the active conversation when asked, and shows a failure', async () => {
    const harness = renderRoomApp({ 'messages.list': () => [] }, undefined, (stores) => {
      stores.conversations.setState({ byId: new Map([[1, conversation({ id: 1, title: '#room' })]]), tabs: [1], activeId: null });
    });
    const scope = screen.getByRole('combobox', { name: 'Search in' });
    expect(within(scope).getByRole('option', { name: 'This conversation' })).toHaveProperty('disabled', true);
    fireEvent.click(within(screen.getByRole('list', { name: 'Contacts' })).getByRole('button', { name: '#room' }));
    await flush();
    await search('hello', 'conversation');
    expect(harness.request).toHaveBeenCalledWith('search.query', { query: 'hello', limit: 50, conversationId: 1 });
    expect(screen.getByRole('alert').textContent).toBe('Search failed: search.query: not supported yet');
  });

  it('sends the filters chosen, explains the syntax, and moves between results with the arrow keys', async () => {
    const hits = [3, 2, 1].map((id) => ({ message: message({ id, senderName: 'bob', timestamp: id * 1000, body: `otter ${id}` }), snippet: `\u0002otter\u0003 ${id}` }));
    const harness = renderRoomApp({ 'search.query': () => hits });
    const box = screen.getByRole('searchbox', { name: 'Search messages' });
    expect(document.getElementById(box.getAttribute('aria-describedby') ?? '')?.textContent).toContain('match as that exact phrase');
    await openFilters();
    fireEvent.change(screen.getByRole('combobox', { name: 'Account' }), { target: { value: 'acc-1' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Sender' }), { target: { value: 'bob' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Has a link' }));
    expect(screen.getByText('Filters (3)')).toBeDefined();
    await search('otter');
    expect(harness.request).toHaveBeenCalledWith('search.query', { query: 'otter', limit: 50, accountId: 'acc-1', sender: 'bob', hasLink: true });

    const buttons = within(screen.getByRole('list', { name: 'Search results' })).getAllByRole('button');
    buttons[0]?.focus();
    fireEvent.keyDown(buttons[0] as HTMLElement, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(buttons[1]);
    fireEvent.keyDown(buttons[1] as HTMLElement, { key: 'End' });
    expect(document.activeElement).toBe(buttons[2]);
    fireEvent.keyDown(buttons[2] as HTMLElement, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(buttons[1]);
  });

  it('narrows to a network, a person (merged buddies) or a buddy not merged', async () => {
    const bob = contact({ id: 'bob@example.org', displayName: 'Bob' });
    const carol = contact({ id: 'carol@example.org', displayName: 'Carol' });
    const harness = renderRoomApp({ 'search.query': () => [] }, undefined, (stores) => {
      stores.contacts.setState({ byKey: new Map([bob, carol].map((c) => [contactKey(c.accountId, c.id), c])) });
      stores.people.setState(resetPeople([{ id: 4, name: 'Robert', members: [{ accountId: bob.accountId, contactId: bob.id }] }]));
    });
    // Closed, the filters hold no field (an option per contact would sit in the document and follow every presence).
    expect(screen.queryByRole('combobox', { name: 'Person or buddy' })).toBeNull();
    await openFilters();
    fireEvent.change(screen.getByRole('combobox', { name: 'Network' }), { target: { value: 'rich' } });
    const who = screen.getByRole('combobox', { name: 'Person or buddy' });
    // Bob is in Robert: only the person is offered for him.
    expect(within(who).getAllByRole('option').map((option) => option.textContent)).toEqual(['Anyone', 'Robert (Rich)', 'Carol (me@example.org)']);
    fireEvent.change(who, { target: { value: within(who).getByRole('option', { name: 'Robert (Rich)' }).getAttribute('value') } });
    expect(screen.getByText('Filters (2)')).toBeDefined();
    await search('otter');
    expect(harness.request).toHaveBeenCalledWith('search.query', { query: 'otter', limit: 50, network: 'rich', personId: 4 });
    fireEvent.change(who, { target: { value: within(who).getByRole('option', { name: 'Carol (me@example.org)' }).getAttribute('value') } });
    await search('otter');
    expect(harness.request).toHaveBeenCalledWith('search.query', { query: 'otter', limit: 50, network: 'rich', buddy: { accountId: 'acc-1', contactId: 'carol@example.org' } });
  });
});
