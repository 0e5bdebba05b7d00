/**
 * soju.im/bouncer-networks (https://codeberg.org/emersion/soju/src/branch/master/doc/ext/bouncer-networks.md):
 * one soju login carries several networks. An account with a "Bouncer network" id binds its
 * connection to that network (`BOUNCER BIND <netid>` before registration ends), so each
 * network is its own account, as with ZNC. A connection bound to none is the bouncer's
 * control connection: its networks (`BOUNCER LISTNETWORKS`, and changes with
 * `soju.im/bouncer-networks-notify`) are told on the server console, with the id to bind.
 */
import type { IrcClient, IrcMessage } from 'irc-framework';

const CAP = 'soju.im/bouncer-networks';
/** A bouncer lists at most this many networks here (a hostile one could send more). */
const MAX_NETWORKS = 200;

/** `name=Libera;state=connected` → attributes, with the message-tags value escapes undone. */
export function parseAttributes(text: string): Map<string, string> {
  const unescape = (value: string): string => value.replace(/\\(.)/g, (_, c: string) => ({ ':': ';', s: ' ', '\\': '\\', r: '\r', n: '\n' })[c] ?? c);
  return new Map(text.split(';').filter(Boolean).map((pair) => {
    const eq = pair.indexOf('=');
    return eq < 0 ? [pair, ''] : [pair.slice(0, eq), unescape(pair.slice(eq + 1))];
  }));
}

export interface BouncerHost {
  readonly notice: (text: string) => void;
  readonly send: (line: string) => void;
}

/** During registration: bind to the account's network once the bouncer acknowledged the capability. */
export function bindOnAck(client: IrcClient, message: IrcMessage, netid: string | undefined): void {
  if (netid === undefined || message.command !== 'CAP' || message.params[1] !== 'ACK') return;
  const caps = (message.params[message.params.length - 1] ?? '').split(' ');
  // Written before irc-framework reads the ACK, so it goes before CAP END (or AUTHENTICATE).
  if (caps.includes(CAP)) client.connection.write(`BOUNCER BIND ${netid}`);
}

export class BouncerNetworks {
  private readonly known = new Map<string, Map<string, string>>();

  constructor(private readonly host: BouncerHost) {}

  /** After registration: a connection bound to no network lists the bouncer's networks. */
  start(caps: readonly string[], isupport: Readonly<Record<string, unknown>>): void {
    if (!caps.includes(CAP) || isupport['BOUNCER_NETID'] !== undefined) return;
    this.host.send('BOUNCER LISTNETWORKS');
  }

  onRaw(message: IrcMessage): void {
    if (message.command !== 'BOUNCER') return;
    const [sub = '', netid = '', attributes = ''] = message.params;
    // Refusals come as standard replies (FAIL BOUNCER …), told by the session in words.
    if (sub === 'NETWORK' && netid) this.onNetwork(netid, attributes, message.tags['batch'] !== undefined);
  }

  private onNetwork(netid: string, attributes: string, listing: boolean): void {
    if (attributes === '*') {
      const gone = this.known.get(netid);
      this.known.delete(netid);
      this.host.notice(`The bouncer's network ${gone?.get('name') ?? netid} was removed.`);
      return;
    }
    if (!this.known.has(netid) && this.known.size >= MAX_NETWORKS) return;
    const merged = new Map([...(this.known.get(netid) ?? []), ...parseAttributes(attributes)]);
    this.known.set(netid, merged);
    const name = merged.get('name') ?? merged.get('host') ?? netid;
    const state = merged.get('state');
    const where = merged.get('host') !== undefined && merged.get('host') !== name ? ` (${merged.get('host') ?? ''})` : '';
    this.host.notice(listing
      ? `Bouncer network ${name}${where}: id ${netid}${state ? `, ${state}` : ''}. To use it, add an IRC account for this bouncer with "Bouncer network" set to ${netid}.`
      : `Bouncer network ${name}${state ? ` is now ${state}` : ' changed'}.`);
  }
}
