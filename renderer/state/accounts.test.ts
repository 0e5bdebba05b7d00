import { describe, expect, it } from 'vitest';
import { BridgeRequestError } from '../../electron/bridge/client.js';
import { applyAccountEvents, inOrder, moveAccount } from './accounts.js';
import { setupActions } from './testActions.js';
import { account } from './testData.js';

const ids = (list: readonly { id: string }[]): string[] => list.map((item) => item.id);

describe('account order', () => {
  const a = account({ id: 'a' });
  const b = account({ id: 'b' });
  const c = account({ id: 'c' });

  it('moves one account up or down, and not past either end', () => {
    expect(moveAccount(['a', 'b', 'c'], 'c', -1)).toEqual(['a', 'c', 'b']);
    expect(moveAccount(['a', 'b', 'c'], 'a', 1)).toEqual(['b', 'a', 'c']);
    expect(moveAccount(['a', 'b', 'c'], 'a', -1)).toEqual(['a', 'b', 'c']);
    expect(moveAccount(['a', 'b', 'c'], 'c', 1)).toEqual(['a', 'b', 'c']);
    expect(moveAccount(['a', 'b'], 'x', 1)).toEqual(['a', 'b']);
  });

  it('follows the core\'s order; accounts it does not name keep their place after', () => {
    expect(ids(inOrder([a, b, c], ['c', 'a']))).toEqual(['c', 'a', 'b']);
    const state = applyAccountEvents({ list: [a, b] }, [
      { type: 'account.changed', payload: { account: c } },
      { type: 'accounts.reordered', payload: { accountIds: ['c', 'b', 'a'] } },
      { type: 'account.changed', payload: { account: { ...a, state: 'failed' } } },
    ]);
    expect(ids(state.list)).toEqual(['c', 'b', 'a']);
    expect(state.list[2]?.state).toBe('failed');
  });

  it('shows a move at once and puts it back when the core refuses it', async () => {
    let refuse = false;
    const { stores, actions, calls } = setupActions({
      'accounts.reorder': () => {
        if (refuse) throw new BridgeRequestError({ kind: 'invalid-request', message: 'The accounts changed meanwhile.' });
        return null;
      },
    });
    stores.accounts.setState({ list: [a, b, c] });
    await actions.moveAccount('b', -1);
    expect(ids(stores.accounts.getState().list)).toEqual(['b', 'a', 'c']);
    expect(calls.at(-1)).toEqual(['accounts.reorder', { accountIds: ['b', 'a', 'c'] }]);
    refuse = true;
    await expect(actions.moveAccount('c', -1)).rejects.toThrow('The accounts changed meanwhile.');
    expect(ids(stores.accounts.getState().list)).toEqual(['b', 'a', 'c']);
  });
});
