/**
 * Where links come into a window: the page's own `?open=<link>` (headless mode, and the
 * desktop app's first window), and the core's link.opened event for links the system
 * hands the running app. Each waits until the window is connected to the core.
 */
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import type { StoreApi } from 'zustand/vanilla';
import type { ConnectionState } from './connection.js';
import type { LinkActions } from './linkActions.js';

/** The page's `open` parameter, and the address without it (so a reload does not ask again). */
export function linkInPage(href: string): { uri: string; rest: string } | undefined {
  const url = new URL(href);
  const uri = url.searchParams.get('open');
  if (uri === null || uri === '') return undefined;
  url.searchParams.delete('open');
  return { uri, rest: url.toString() };
}

export interface LinkIntake {
  /** Feed every live event batch here. */
  events(events: readonly BridgeEvent[]): void;
  stop(): void;
}

/** The link actions say their own failures in the dialog; a lost core shows as the connection banner. */
const failed = (): void => undefined;

export function startLinkIntake(connection: StoreApi<ConnectionState>, actions: Pick<LinkActions, 'askAboutLink' | 'takeLinks'>, pageLink: string | undefined): LinkIntake {
  let pending = pageLink;
  const connected = (): void => {
    if (connection.getState().status !== 'connected') return;
    if (pending !== undefined) {
      const uri = pending;
      pending = undefined;
      actions.askAboutLink(uri).catch(failed);
    }
    // Links handed to the app before this window connected (the first launch's command line).
    actions.takeLinks().catch(failed);
  };
  let wasConnected = false;
  const unsubscribe = connection.subscribe((state) => {
    const now = state.status === 'connected';
    if (now && !wasConnected) connected();
    wasConnected = now;
  });
  if (connection.getState().status === 'connected') {
    wasConnected = true;
    connected();
  }
  return {
    events: (events) => {
      if (events.some((event) => event.type === 'link.opened')) actions.takeLinks().catch(failed);
    },
    stop: unsubscribe,
  };
}
