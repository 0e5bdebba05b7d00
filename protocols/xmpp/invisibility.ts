/**
 * Being invisible: connected, shown to contacts as offline. XEP-0186 (Invisible Command)
 * does it where the server advertises `urn:xmpp:invisible:0` in its disco#info (§4); every
 * version of the XEP up to 0.14 keeps that namespace. Prosody has no such module in its
 * core (only prosody-modules' mod_invisible), and XEP-0126's privacy lists are deprecated,
 * so elsewhere the closest RFC 6121 allows is unavailable presence (§4.5) on a connection
 * that stays open: contacts see the user go offline, but the server then treats this
 * connection as not available (§4.2.2, §8.5.2.1.1): it sends it no presence changes, and
 * chats addressed to the account rather than to this connection are stored offline (or
 * bounce) until the user is visible again. The user is told so.
 */
import type { PresenceOutcome } from '../api/index.js';
import type { XmppCore } from './core.js';
import { NS, attr, child, children, xml } from './xml.js';

export const NS_INVISIBLE = 'urn:xmpp:invisible:0';

export const WITHOUT_INVISIBLE_COMMAND = 'This XMPP server cannot make you invisible (no XEP-0186): you appear offline, '
  + 'but until you are visible again you see no presence changes, and chats sent to your address rather than to this device may wait on the server.';

const QUERY_TIMEOUT_MS = 10_000;

export class Invisibility {
  private offered: Promise<boolean> | undefined;
  /** How the user is hidden now, if they are. */
  private mode: 'command' | 'unavailable' | undefined;

  constructor(private readonly core: XmppCore, private readonly domain: string) {}

  get hidden(): boolean {
    return this.mode !== undefined;
  }

  /** XEP-0186 §4: the server says whether it offers the command (asked once per session). */
  private serverOffers(): Promise<boolean> {
    this.offered ??= this.core.iq(xml('iq', { type: 'get', to: this.domain }, xml('query', { xmlns: NS.discoInfo })), 'Asking the server what it offers', QUERY_TIMEOUT_MS)
      .then((result) => children(child(result, 'query', NS.discoInfo), 'feature', NS.discoInfo).some((node) => attr(node, 'var') === NS_INVISIBLE))
      .catch(() => false);
    return this.offered;
  }

  /** Hide (XEP-0186 §3.1, else unavailable presence); says what it cost when it is not the real thing. */
  async hide(): Promise<PresenceOutcome> {
    if (await this.serverOffers()) {
      if (this.mode !== 'command') await this.core.iq(xml('iq', { type: 'set' }, xml('invisible', { xmlns: NS_INVISIBLE })), 'Becoming invisible', QUERY_TIMEOUT_MS);
      this.mode = 'command';
      return {};
    }
    if (this.mode !== 'unavailable') await this.core.send(xml('presence', { type: 'unavailable' }));
    this.mode = 'unavailable';
    return { note: WITHOUT_INVISIBLE_COMMAND };
  }

  /**
   * Logging in while the user is invisible, before initial presence, so that contacts never
   * see them come online: XEP-0186 §3.1 first (then initial presence, which the server keeps
   * to itself); without it no initial presence at all. Resolves true when initial presence
   * is to be sent.
   */
  async hideAtLogin(): Promise<boolean> {
    if (await this.serverOffers()) {
      await this.hide();
      return true;
    }
    this.mode = 'unavailable';
    return false;
  }

  /**
   * Before presence is sent again: XEP-0186 §3.2 `<visible/>`. After unavailable presence
   * nothing is needed: the next available presence is initial presence again (RFC 6121 §4.2).
   */
  async reveal(): Promise<void> {
    if (this.mode === 'command') await this.core.iq(xml('iq', { type: 'set' }, xml('visible', { xmlns: NS_INVISIBLE })), 'Becoming visible', QUERY_TIMEOUT_MS);
    this.mode = undefined;
  }
}
