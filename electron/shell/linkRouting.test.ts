/**
 * Links from the system reach the core in order, from the first launch's command line, a
 * second launch's and macOS's open-url, whether they come before the core is up or after;
 * the app registers itself for each scheme. A stand-in `app` (no Electron binary here).
 */
import { describe, expect, it, vi } from 'vitest';
import { linksInArguments, routeLinks, type LinkApp } from './linkRouting.js';

type Handler = (...args: unknown[]) => void;

function standInApp() {
  const handlers = new Map<string, Handler>();
  const app = {
    on: vi.fn((name: string, handler: Handler) => handlers.set(name, handler)),
    setAsDefaultProtocolClient: vi.fn(() => true),
  };
  const emit = (name: string, ...args: unknown[]): void => handlers.get(name)?.(...args);
  return { app, emit, asApp: app as unknown as LinkApp };
}

describe('linksInArguments', () => {
  it('keeps the links of a command line and nothing else', () => {
    expect(linksInArguments(['/opt/Switchboard/switchboard', '--no-sandbox', 'irc://irc.example.org/chan', 'XMPP:a@b.example', 'https://example.org/',
      'https://matrix.to/#/#room:example.org', 'matrix:r/room:example.org', 'ircs://x.example', 'file:///etc/passwd'])).toEqual([
      'irc://irc.example.org/chan', 'XMPP:a@b.example', 'https://matrix.to/#/#room:example.org', 'matrix:r/room:example.org', 'ircs://x.example',
    ]);
  });
});

describe('routeLinks', () => {
  it('registers the app for xmpp:, irc:, ircs: and matrix: (with the app folder when run from a checkout)', () => {
    const packaged = standInApp();
    routeLinks(packaged.asApp, { argv: ['/opt/Switchboard/switchboard'], execPath: '/opt/Switchboard/switchboard' });
    expect(packaged.app.setAsDefaultProtocolClient.mock.calls).toEqual([['xmpp'], ['irc'], ['ircs'], ['matrix']]);

    const checkout = standInApp();
    routeLinks(checkout.asApp, { argv: ['/usr/lib/electron/electron', '/home/me/switchboard'], execPath: '/usr/lib/electron/electron', defaultApp: true });
    expect(checkout.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('matrix', '/usr/lib/electron/electron', ['/home/me/switchboard']);
  });

  it('holds the links that come before the core is up, then hands every link over in order', () => {
    const { asApp, emit } = standInApp();
    const router = routeLinks(asApp, { argv: ['/opt/Switchboard/switchboard', 'irc://irc.example.org/first'], execPath: '/opt/Switchboard/switchboard' });
    const openUrl = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    emit('open-url', openUrl, 'matrix:r/second:example.org');
    // macOS: the app handles the link itself, so the system does not complain about it.
    expect(openUrl.defaultPrevented).toBe(true);
    const opened: string[] = [];
    router.deliverTo((uri) => opened.push(uri));
    expect(opened).toEqual(['irc://irc.example.org/first', 'matrix:r/second:example.org']);
    emit('second-instance', {}, ['/opt/Switchboard/switchboard', '--flag', 'xmpp:third@example.org?message'], '/home/me');
    emit('second-instance', {}, ['/opt/Switchboard/switchboard'], '/home/me');
    expect(opened).toEqual(['irc://irc.example.org/first', 'matrix:r/second:example.org', 'xmpp:third@example.org?message']);
  });

  it('keeps only the newest eight links while waiting', () => {
    const { asApp, emit } = standInApp();
    const router = routeLinks(asApp, { argv: [], execPath: '/x' });
    for (let i = 0; i < 20; i++) emit('open-url', { preventDefault: () => undefined }, `irc://h.example/c${i}`);
    const opened: string[] = [];
    router.deliverTo((uri) => opened.push(uri));
    expect(opened).toEqual(Array.from({ length: 8 }, (_, i) => `irc://h.example/c${i + 12}`));
  });
});
