/** Where links enter a window: the page's ?open= once connected, and the core's link.opened. */
import { describe, expect, it, vi } from 'vitest';
import { createConnectionStore } from './connection.js';
import { linkInPage, startLinkIntake } from './linkIntake.js';

const client = { request: vi.fn() };

describe('linkInPage', () => {
  it('reads ?open= and gives the address without it, token path kept', () => {
    expect(linkInPage('http://127.0.0.1:8080/TOKEN/?open=irc%3A%2F%2Firc.example.org%2F%2523chan')).toEqual({
      uri: 'irc://irc.example.org/%23chan', rest: 'http://127.0.0.1:8080/TOKEN/',
    });
    expect(linkInPage('app://switchboard/index.html?x=1&open=xmpp:a@b.example')).toEqual({ uri: 'xmpp:a@b.example', rest: 'app://switchboard/index.html?x=1' });
    expect(linkInPage('http://127.0.0.1:8080/TOKEN/')).toBeUndefined();
    expect(linkInPage('http://127.0.0.1:8080/TOKEN/?open=')).toBeUndefined();
  });
});

describe('startLinkIntake', () => {
  it('asks about the page\'s link once connected, and takes the core\'s waiting links at every connect', () => {
    const connection = createConnectionStore();
    const actions = { askAboutLink: vi.fn(() => Promise.resolve()), takeLinks: vi.fn(() => Promise.resolve()) };
    const intake = startLinkIntake(connection, actions, 'matrix:r/room:example.org');
    expect(actions.askAboutLink).not.toHaveBeenCalled();
    connection.setState({ status: 'connected', client });
    expect(actions.askAboutLink).toHaveBeenCalledWith('matrix:r/room:example.org');
    expect(actions.takeLinks).toHaveBeenCalledTimes(1);
    // A reconnect takes waiting links again, but asks about the page's link only once.
    connection.setState({ status: 'disconnected', client: null });
    connection.setState({ status: 'connected', client });
    expect(actions.askAboutLink).toHaveBeenCalledTimes(1);
    expect(actions.takeLinks).toHaveBeenCalledTimes(2);
    intake.events([{ type: 'storage.state', payload: { state: 'ok' } }]);
    expect(actions.takeLinks).toHaveBeenCalledTimes(2);
    intake.events([{ type: 'link.opened', payload: {} }]);
    expect(actions.takeLinks).toHaveBeenCalledTimes(3);
    intake.stop();
    connection.setState({ status: 'disconnected', client: null });
    connection.setState({ status: 'connected', client });
    expect(actions.takeLinks).toHaveBeenCalledTimes(3);
  });
});
