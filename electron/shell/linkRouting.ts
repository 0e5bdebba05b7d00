/**
 * Links that open Switchboard (xmpp:, irc:, ircs:, matrix:, https://matrix.to/…), from
 * wherever the system hands them to the app: the command line of the first launch, the
 * command line of a second launch (which the single-instance lock turns into
 * `second-instance` here), and macOS's `open-url`. They wait until the core is up, then go
 * to `core.openLink`, which asks the user in a window; nothing here reads or acts on them.
 */
import path from 'node:path';
import type { App } from 'electron';
import { LINK_SCHEMES } from '../core/links/parseLink.js';

const LINK_ARGUMENT = new RegExp(`^(${LINK_SCHEMES.join('|')}):|^https?://matrix\\.to/`, 'i');
/** Links that arrive before the core is up wait here; a flood cannot grow it past this. */
const MAX_WAITING = 8;

/** The arguments that are links (not the executable, the app's path or Chromium's switches). */
export function linksInArguments(argv: readonly string[]): string[] {
  return argv.filter((argument) => LINK_ARGUMENT.test(argument));
}

export type LinkApp = Pick<App, 'on' | 'setAsDefaultProtocolClient'>;

/** What of `process` the router reads: `defaultApp` is set when run as `electron path/to/app`. */
export interface LinkProcess {
  readonly argv: readonly string[];
  readonly execPath: string;
  readonly defaultApp?: boolean;
}

export interface LinkRouter {
  /** From now on links go to `open`; those that came before go at once, in order. */
  deliverTo(open: (uri: string) => void): void;
}

export function routeLinks(app: LinkApp, proc: LinkProcess): LinkRouter {
  let deliver: ((uri: string) => void) | undefined;
  let waiting: string[] = [];
  const route = (uri: string): void => {
    if (deliver) deliver(uri);
    else waiting = [...waiting, uri].slice(-MAX_WAITING);
  };

  for (const scheme of LINK_SCHEMES) {
    // Run from a checkout (`electron .`), the system must start Electron with the app's
    // folder, or it would open a bare Electron (Electron's setAsDefaultProtocolClient docs).
    const appPath = proc.argv[1];
    if (proc.defaultApp === true && appPath !== undefined) app.setAsDefaultProtocolClient(scheme, proc.execPath, [path.resolve(appPath)]);
    else app.setAsDefaultProtocolClient(scheme);
  }
  // macOS hands links to the running app (or the one starting) this way, never on argv.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    route(url);
  });
  // Windows and Linux start a second process with the link on its command line; the lock
  // ends it and gives its argv to this one.
  app.on('second-instance', (_event, argv) => {
    for (const uri of linksInArguments(argv)) route(uri);
  });
  for (const uri of linksInArguments(proc.argv)) route(uri);

  return {
    deliverTo(open) {
      deliver = open;
      const before = waiting;
      waiting = [];
      for (const uri of before) open(uri);
    },
  };
}
