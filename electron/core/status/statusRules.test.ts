import { describe, expect, it } from 'vitest';
import { chosenStatus, planFor } from './statusRules.js';

const IRC = { name: 'IRC', presence: true, invisible: false };
const XMPP = { name: 'XMPP', presence: true, invisible: true };
const idle = { idle: true, message: 'gone for coffee' };
const active = { idle: false, message: 'gone for coffee' };

describe('chosenStatus', () => {
  it('is the global status, or the account\'s own one', () => {
    expect(chosenStatus({ status: 'busy', message: 'call' }, undefined, active)).toEqual({ status: 'busy', message: 'call' });
    expect(chosenStatus({ status: 'busy' }, { status: 'available' }, active)).toEqual({ status: 'available' });
  });

  it('turns only an Available global status into Away with the auto-away message while idle', () => {
    expect(chosenStatus({ status: 'available', message: 'hi' }, undefined, idle)).toEqual({ status: 'away', message: 'gone for coffee' });
    expect(chosenStatus({ status: 'available' }, undefined, { idle: true, message: '  ' })).toEqual({ status: 'away' });
    for (const status of ['away', 'busy', 'invisible', 'offline'] as const) {
      expect(chosenStatus({ status, message: 'by hand' }, undefined, idle)).toEqual({ status, message: 'by hand' });
    }
    expect(chosenStatus({ status: 'available' }, { status: 'available', message: 'mine' }, idle)).toEqual({ status: 'available', message: 'mine' });
  });
});

describe('planFor', () => {
  it('disconnects for Offline and sets the presence otherwise', () => {
    expect(planFor({ status: 'offline' }, IRC)).toEqual({ connected: false });
    expect(planFor({ status: 'away', message: ' lunch ' }, IRC)).toEqual({ connected: true, presence: { status: 'away', message: 'lunch' } });
    expect(planFor({ status: 'invisible' }, XMPP)).toEqual({ connected: true, presence: { status: 'invisible' } });
  });

  it('shows a network that cannot hide as available, and says so', () => {
    const plan = planFor({ status: 'invisible', message: 'x' }, IRC);
    expect(plan.presence).toEqual({ status: 'available' });
    expect(plan.note).toMatch(/^IRC cannot hide a connected user/);
  });

  it('sets nothing on a network without presence, with a note unless Available', () => {
    const none = { name: 'Loopback', presence: false, invisible: false };
    expect(planFor({ status: 'available' }, none)).toEqual({ connected: true });
    expect(planFor({ status: 'busy' }, none)).toEqual({ connected: true, note: 'Loopback has no status to set: connected and shown as there.' });
  });
});
