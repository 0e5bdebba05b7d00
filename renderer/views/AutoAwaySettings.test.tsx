// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES, type Preferences } from '../../electron/bridge/preferences.js';
import { AutoAwaySettings } from './AutoAwaySettings.js';
import { flush, renderWithApp } from './testHarness.js';

afterEach(cleanup);

describe('auto-away settings', () => {
  it('saves the minutes and the message, and text being typed survives a change of the other field arriving', async () => {
    let answer: (preferences: Preferences) => void = () => undefined;
    const { request, stores } = renderWithApp(<AutoAwaySettings />, (method) => new Promise((resolve) => {
      if (method !== 'preferences.set') throw new Error(method);
      answer = resolve;
    }));
    const minutes = screen.getByRole('spinbutton', { name: 'Away after minutes without input (0: never)' });
    const message = screen.getByRole('textbox', { name: 'Auto-away message' });
    fireEvent.change(message, { target: { value: 'Away from keyboard' } });
    fireEvent.blur(message);
    expect(request).toHaveBeenLastCalledWith('preferences.set', { autoAwayMinutes: 10, autoAwayMessage: 'Away from keyboard' });
    // The user is already typing the minutes when the core's answer comes.
    fireEvent.change(minutes, { target: { value: '2' } });
    act(() => answer({ ...DEFAULT_PREFERENCES, autoAwayMessage: 'Away from keyboard' }));
    await flush();
    expect(stores.preferences.getState().preferences.autoAwayMessage).toBe('Away from keyboard');
    expect(minutes).toHaveProperty('value', '2');
    fireEvent.keyDown(minutes, { key: 'Enter' });
    expect(request).toHaveBeenLastCalledWith('preferences.set', { autoAwayMinutes: 2, autoAwayMessage: 'Away from keyboard' });
  });

  it('refuses minutes that are not a whole number from 0 to 1440, in words', () => {
    const { request } = renderWithApp(<AutoAwaySettings />, () => Promise.reject(new Error('not expected')));
    const minutes = screen.getByRole('spinbutton', { name: 'Away after minutes without input (0: never)' });
    fireEvent.change(minutes, { target: { value: '2.5' } });
    fireEvent.keyDown(minutes, { key: 'Enter' });
    expect(screen.getByRole('alert').textContent).toBe('Minutes must be a whole number from 0 (never) to 1440.');
    expect(request).not.toHaveBeenCalled();
  });
});
