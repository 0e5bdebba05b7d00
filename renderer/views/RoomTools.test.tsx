// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { conversation, member, richPlugin } from '../state/testData.js';
import { renderRoomApp } from './testApp.js';
import { flush } from './testHarness.js';

afterEach(cleanup);

const roomCapabilities = { ...richPlugin.capabilities, topics: true, invites: true, kicks: true };

async function openRoom(): Promise<void> {
  fireEvent.click(within(screen.getByRole('list', { name: 'Contacts' })).getByRole('button', { name: '#room' }));
  await flush();
}

describe('room tools', () => {
  it('edits the topic inline: Enter saves, Escape cancels, a refusal is shown', async () => {
    let refuse = false;
    const harness = renderRoomApp({
      'conversations.setTopic': () => { if (refuse) throw new Error('You are not a channel operator.'); return null; },
    }, roomCapabilities, (stores) => {
      stores.conversations.setState({ byId: new Map([[1, conversation({ id: 1, title: '#room', topic: 'Old topic', capabilities: roomCapabilities })]]), tabs: [1], activeId: null });
    });
    await openRoom();
    fireEvent.click(screen.getByRole('button', { name: 'Edit topic' }));
    const input = screen.getByRole('textbox', { name: 'Topic' });
    expect(input).toHaveProperty('value', 'Old topic');
    expect(document.activeElement).toBe(input);
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(screen.queryByRole('textbox', { name: 'Topic' })).toBeNull();
    expect(screen.getByText('Old topic')).toBeDefined();

    fireEvent.click(screen.getByRole('button', { name: 'Edit topic' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Topic' }), { target: { value: 'New topic' } });
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Topic' }), { key: 'Enter' });
    await flush();
    expect(harness.request).toHaveBeenCalledWith('conversations.setTopic', { conversationId: 1, topic: 'New topic' });
    expect(screen.queryByRole('textbox', { name: 'Topic' })).toBeNull();

    refuse = true;
    fireEvent.click(screen.getByRole('button', { name: 'Edit topic' }));
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Topic' }), { key: 'Enter' });
    await flush();
    expect(screen.getByRole('alert').textContent).toBe('Topic not changed: You are not a channel operator.');
    expect(screen.getByRole('textbox', { name: 'Topic' })).toBeDefined();
  });

  it('invites someone by their id', async () => {
    const harness = renderRoomApp({ 'conversations.invite': () => null }, roomCapabilities);
    await openRoom();
    fireEvent.click(screen.getByRole('button', { name: 'Invite' }));
    const dialog = screen.getByRole('dialog', { name: 'Invite to room' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Invite' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('Enter the address of the person to invite.');
    fireEvent.change(within(dialog).getByLabelText('Contact ID'), { target: { value: ' carol ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Invite' }));
    await flush();
    expect(harness.request).toHaveBeenCalledWith('conversations.invite', { conversationId: 1, contactId: 'carol' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('kicks a member after confirming, with an optional reason; never the user, and a refusal stays in the dialog', async () => {
    let refuse = false;
    const harness = renderRoomApp({
      'members.list': () => [member('me'), member('dave'), member('eve', 'voice')],
      'members.kick': () => { if (refuse) throw new Error('Not allowed.'); return null; },
    }, roomCapabilities);
    await openRoom();
    const members = screen.getByRole('list', { name: 'Members' });
    expect(within(members).queryByRole('button', { name: 'Kick me' })).toBeNull();
    fireEvent.click(within(members).getByRole('button', { name: 'Kick dave' }));
    let dialog = screen.getByRole('dialog', { name: 'Kick member' });
    expect(dialog.textContent).toContain('dave');
    fireEvent.change(within(dialog).getByLabelText('Reason (optional)'), { target: { value: 'spam' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Kick' }));
    await flush();
    expect(harness.request).toHaveBeenCalledWith('members.kick', { conversationId: 1, memberId: 'dave', reason: 'spam' });
    expect(screen.queryByRole('dialog')).toBeNull();

    refuse = true;
    fireEvent.click(within(members).getByRole('button', { name: 'Kick eve' }));
    dialog = screen.getByRole('dialog', { name: 'Kick member' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Kick' }));
    await flush();
    expect(harness.request).toHaveBeenCalledWith('members.kick', { conversationId: 1, memberId: 'eve' });
    expect(within(dialog).getByRole('alert').textContent).toBe('Not allowed.');
  });

  it('offers none of them where the room cannot', async () => {
    renderRoomApp({ 'members.list': () => [member('dave')] }, richPlugin.capabilities);
    await openRoom();
    expect(screen.queryByRole('button', { name: 'Edit topic' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Invite' })).toBeNull();
    expect(within(screen.getByRole('list', { name: 'Members' })).queryByRole('button', { name: /Kick/ })).toBeNull();
  });
});
