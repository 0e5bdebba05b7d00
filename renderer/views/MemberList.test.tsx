// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { applyContactEvents } from '../state/contacts.js';
import { setRoomMembers } from '../state/members.js';
import { contact, member } from '../state/testData.js';
import { MemberList } from './MemberList.js';
import { describedBy, flush, renderWithApp } from './testHarness.js';

afterEach(cleanup);

describe('MemberList', () => {
  it('says who is logged in as which account and marks bots', () => {
    renderWithApp(<MemberList conversationId={1} />, () => Promise.resolve(null), (stores) => {
      stores.members.setState((state) => setRoomMembers(state, 1, [
        { ...member('alice', 'operator'), account: 'alice' },
        { ...member('guest'), account: 'carla' },
        { ...member('helper'), bot: true, account: 'helperbot' },
        member('nobody'),
      ]));
    });
    const rows = within(screen.getByRole('list', { name: 'Members' })).getAllByRole('listitem');
    const row = (name: string): HTMLElement => {
      const found = rows.find((r) => r.querySelector('.member-name')?.textContent === name);
      if (!found) throw new Error(`no row for ${name}`);
      return found;
    };
    expect(describedBy(row('alice'))).toEqual(['logged in as alice']);
    // The account is the one services know, not the nick.
    expect(describedBy(row('guest'))).toEqual(['logged in as carla']);
    expect(row('guest').title).toBe('guest (logged in as carla)');
    expect(describedBy(row('helper'))).toEqual(['bot, logged in as helperbot']);
    expect(row('helper').querySelector('.member-bot')?.textContent).toBe('bot');
    expect(row('nobody').getAttribute('aria-describedby')).toBeNull();
    expect(row('nobody').querySelector('.member-bot')).toBeNull();
    expect(row('nobody').title).toBe('nobody');
  });

  it('offers "Ignore" on other members where the network can block them, and says when one is ignored', async () => {
    const { request, stores } = renderWithApp(<MemberList conversationId={1} selfId="alice" blockAccountId="acc-1" />, () => Promise.resolve(null), (prepared) => {
      prepared.members.setState((state) => setRoomMembers(state, 1, [member('alice'), member('bob')]));
    });
    const list = screen.getByRole('list', { name: 'Members' });
    expect(within(list).queryByRole('button', { name: /Ignore alice/ })).toBeNull();
    fireEvent.click(within(list).getByRole('button', { name: /^Ignore bob/ }));
    await flush();
    expect(request).toHaveBeenCalledWith('contacts.setBlocked', { accountId: 'acc-1', contactId: 'bob', blocked: true });
    // The network reports bob as a blocked contact: the button says how to undo it.
    act(() => stores.contacts.setState((state) => applyContactEvents(state, [{ type: 'contact.changed', payload: { contact: contact({ id: 'bob', displayName: 'bob', blocked: true }) } }])));
    expect(within(list).getByRole('button', { name: 'Stop ignoring bob' }).getAttribute('aria-pressed')).toBe('true');
  });
});
