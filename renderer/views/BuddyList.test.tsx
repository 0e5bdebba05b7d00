// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContactView } from '../../electron/bridge/schemas.js';
import { applyContactEvents, resetContacts } from '../state/contacts.js';
import type { Stores } from '../state/stores.js';
import { account, contact, ircPlugin, richPlugin } from '../state/testData.js';
import { ContactsPanel } from './ContactsPanel.js';
import { renderWithApp } from './testHarness.js';

afterEach(cleanup);

const COUNT = 5000;
const nameOf = (n: number) => `Contact ${String(n).padStart(4, '0')}`;

function manyContacts(): ContactView[] {
  return Array.from({ length: COUNT }, (_, i) => contact({ accountId: 'x', id: `c${i + 1}@x`, displayName: nameOf(i + 1), presence: { status: 'available' } }));
}

function prepare(stores: Stores): void {
  stores.plugins.setState({ list: [richPlugin, ircPlugin] });
  stores.accounts.setState({ list: [account({ id: 'x', pluginId: 'rich', label: 'me@xmpp.example' })] });
  stores.contacts.setState(resetContacts(manyContacts()));
}

function renderMany() {
  return renderWithApp(<ContactsPanel />, () => Promise.resolve(null), prepare);
}

const buddies = () => screen.getByRole('list', { name: 'Buddies' });
const shownNames = () => within(buddies()).getAllByRole('listitem').map((item) => item.querySelector('.contact-title')?.textContent);

function scroller(): HTMLElement {
  const element = document.querySelector<HTMLElement>('.contact-scroll');
  if (!element) throw new Error('no buddy-list scroller');
  return element;
}

/** Scrolls the list as a user's wheel would (jsdom has no layout: the position is set, then the event fires). */
function scrollTo(top: number): void {
  act(() => {
    scroller().scrollTop = top;
    fireEvent.scroll(scroller());
  });
}

/** The contact whose row starts exactly at the top of the viewport. */
function rowAtViewportTop(): string | undefined {
  const top = scroller().scrollTop;
  return within(buddies()).getAllByRole('listitem').find((item) => parseFloat(item.style.top) === top)?.querySelector('.contact-title')?.textContent ?? undefined;
}

describe('the buddy list with 5,000 contacts', () => {
  it('puts only a window of rows in the DOM, each telling screen readers its place in the whole group', () => {
    renderMany();
    const items = within(buddies()).getAllByRole('listitem');
    expect(items.length).toBeGreaterThan(5);
    expect(items.length).toBeLessThan(60);
    expect(items[0]?.getAttribute('aria-posinset')).toBe('1');
    expect(items[0]?.getAttribute('aria-setsize')).toBe(String(COUNT));
    expect(items[1]?.getAttribute('aria-posinset')).toBe('2');
    expect(shownNames()[0]).toBe(nameOf(1));
    expect(screen.queryByRole('button', { name: nameOf(COUNT) })).toBeNull();
    expect(document.body.querySelectorAll('*').length).toBeLessThan(1500);
  });

  it('reaches a contact far down through the filter', () => {
    renderMany();
    fireEvent.change(screen.getByLabelText('Filter contacts'), { target: { value: 'contact 4987' } });
    expect(shownNames()).toEqual([nameOf(4987)]);
    const item = within(buddies()).getByRole('listitem');
    expect(item.getAttribute('aria-setsize')).toBe('1');
    expect(within(item).getByRole('button', { name: nameOf(4987) })).toBeDefined();
  });

  it('reaches the last contact by scrolling to the end, and the first ones leave the DOM', () => {
    renderMany();
    const height = parseFloat(screen.getByRole('list', { name: 'Contacts' }).style.height);
    expect(height).toBeGreaterThan(COUNT * 20);
    scrollTo(height - 600);
    const last = within(buddies()).getByRole('button', { name: nameOf(COUNT) });
    expect(last.closest('li')?.getAttribute('aria-posinset')).toBe(String(COUNT));
    expect(screen.queryByRole('button', { name: nameOf(1) })).toBeNull();
    expect(within(buddies()).getAllByRole('listitem').length).toBeLessThan(60);
  });

  it('moves between the group heading and contacts with the arrow keys, Home and End, far rows included', () => {
    renderMany();
    const first = screen.getByRole('button', { name: nameOf(1) });
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: nameOf(2) }));
    fireEvent.keyDown(document.activeElement ?? document.body, { key: 'End' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: nameOf(COUNT) }));
    expect(scroller().scrollTop).toBeGreaterThan(COUNT * 20);
    fireEvent.keyDown(document.activeElement ?? document.body, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: nameOf(COUNT - 1) }));
    fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Home' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /^Buddies/, expanded: true }));
    fireEvent.keyDown(document.activeElement ?? document.body, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: nameOf(1) }));
  });

  it('keeps the focused contact in the DOM when the list scrolls away from it', () => {
    renderMany();
    screen.getByRole('button', { name: nameOf(3) }).focus();
    scrollTo(COUNT * 30);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: nameOf(3) }));
  });

  it('sends a letter typed on a contact to the filter', () => {
    renderMany();
    const first = screen.getByRole('button', { name: nameOf(1) });
    first.focus();
    fireEvent.keyDown(first, { key: '4' });
    const filter = screen.getByLabelText<HTMLInputElement>('Filter contacts');
    expect(filter.value).toBe('4');
    expect(document.activeElement).toBe(filter);
  });

  it('keeps the contact at the top of the viewport in place when contacts are added above it or change presence', () => {
    const { stores } = renderMany();
    scrollTo(28 + 2000 * 72); // the group heading, then 2,000 rows (estimated heights: jsdom has no layout)
    const before = rowAtViewportTop();
    expect(before).toBeDefined();
    const top = scroller().scrollTop;
    act(() => {
      stores.contacts.setState((state) => applyContactEvents(state, [
        { type: 'contact.changed', payload: { contact: contact({ accountId: 'x', id: 'aaron@x', displayName: 'Aaron', presence: { status: 'available' } }) } },
        ...Array.from({ length: 100 }, (_, i) => ({
          type: 'contact.changed' as const,
          payload: { contact: contact({ accountId: 'x', id: `c${i + 1}@x`, displayName: nameOf(i + 1), presence: { status: 'available' as const, message: 'back' } }) },
        })),
      ]));
    });
    expect(scroller().scrollTop).toBeGreaterThan(top);
    expect(rowAtViewportTop()).toBe(before);
  });

  it('keeps where the user scrolled to when the list changes before the browser reports that scroll', () => {
    const { stores } = renderMany();
    const first = 28 + 2000 * 72;
    scrollTo(first);
    // The user scrolls on (wheel, scrollbar); the browser fires "scroll" only at its next
    // frame, and a presence arriving in between re-renders the list.
    const wanted = first + 3000;
    act(() => {
      scroller().scrollTop = wanted;
      stores.contacts.setState((state) => applyContactEvents(state, [
        { type: 'contact.changed', payload: { contact: contact({ accountId: 'x', id: `c${COUNT}@x`, displayName: nameOf(COUNT), presence: { status: 'available', message: 'back' } }) } },
      ]));
    });
    expect(scroller().scrollTop).toBe(wanted);
  });

  it('moves a contact that goes offline below the reachable ones', () => {
    const { stores } = renderMany();
    expect(shownNames()[0]).toBe(nameOf(1));
    act(() => {
      stores.contacts.setState((state) => applyContactEvents(state, [
        { type: 'contact.changed', payload: { contact: contact({ accountId: 'x', id: 'c1@x', displayName: nameOf(1), presence: { status: 'offline' } }) } },
      ]));
    });
    expect(shownNames().slice(0, 2)).toEqual([nameOf(2), nameOf(3)]);
    fireEvent.change(screen.getByLabelText('Filter contacts'), { target: { value: nameOf(1) } });
    expect(buddies().textContent).toContain('Offline');
  });
});
