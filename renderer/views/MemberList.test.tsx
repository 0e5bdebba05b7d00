// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { setRoomMembers } from '../state/members.js';
import { member } from '../state/testData.js';
import { MemberList } from './MemberList.js';
import { describedBy, renderWithApp } from './testHarness.js';

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
});
