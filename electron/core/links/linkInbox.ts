/**
 * Links the system handed to the app (command line, second instance, macOS open-url) wait
 * here until a window takes them: the first launch's link arrives before any window is
 * connected, and with several windows (headless tabs) only one of them should ask.
 */
import type { BridgeEvent, RequestHandlers } from '../../bridge/contract.js';
import type { AccountView } from '../../bridge/schemas.js';
import { MAX_LINK_LENGTH } from './linkText.js';
import { resolveLink } from './resolveLink.js';

/** A burst of links (a script, a stuck key) must not pile up: the newest few are kept. */
const MAX_PENDING = 8;

export class LinkInbox {
  private pending: string[] = [];

  constructor(private readonly emit: (event: BridgeEvent) => void) {}

  open(uri: string): void {
    // Cut long ones here (the reader refuses them by length anyway): the inbox holds little.
    this.pending = [...this.pending, uri.slice(0, MAX_LINK_LENGTH + 1)].slice(-MAX_PENDING);
    this.emit({ type: 'link.opened', payload: {} });
  }

  take(): string[] {
    const taken = this.pending;
    this.pending = [];
    return taken;
  }
}

export function createLinkHandlers(inbox: LinkInbox, accounts: () => readonly AccountView[]): Pick<RequestHandlers, 'links.resolve' | 'links.take'> {
  return {
    'links.resolve': ({ uri }) => Promise.resolve(resolveLink(uri, accounts())),
    'links.take': () => Promise.resolve(inbox.take().map((uri) => resolveLink(uri, accounts()))),
  };
}
