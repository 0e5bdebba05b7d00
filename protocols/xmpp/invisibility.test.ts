/**
 * Invisible without a server that has XEP-0186 (Prosody here has no mod_invisible; the
 * Prosody fallback, unavailable presence, is tested end to end in ui2-status.e2e.ts):
 * a stand-in core answers disco#info with or without `urn:xmpp:invisible:0`.
 */
import { describe, expect, it } from 'vitest';
import type { ConnectionContext } from '../api/index.js';
import { WireIds, type XmppCore } from './core.js';
import { Invisibility, NS_INVISIBLE, WITHOUT_INVISIBLE_COMMAND } from './invisibility.js';
import { NS, attr, child, xml, type Element } from './xml.js';

function server(features: readonly string[]) {
  const iqs: Element[] = [];
  const sent: Element[] = [];
  const log = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
  const core: XmppCore = {
    context: { accountId: 'a', log } as unknown as ConnectionContext, log, selfBare: 'alice@example.org', selfFull: () => 'alice@example.org/x',
    emit: () => undefined,
    send: (element) => { sent.push(element); return Promise.resolve(); },
    iq: (element) => {
      iqs.push(element);
      if (child(element, 'query', NS.discoInfo)) {
        return Promise.resolve(xml('iq', { type: 'result' }, xml('query', { xmlns: NS.discoInfo }, ...features.map((feature) => xml('feature', { var: feature })))));
      }
      return Promise.resolve(xml('iq', { type: 'result' }));
    },
    wireIds: new WireIds('t'), ensureDirect: () => undefined, nameOf: (jid) => jid,
  };
  return { core, iqs, sent };
}

const name = (element: Element): string => `${element.name}${element.children.length > 0 ? `/${(element.children[0] as Element).name}` : ''}`;

describe('XMPP invisibility', () => {
  it('uses XEP-0186 where the server advertises it: <invisible/>, then <visible/> before presence again', async () => {
    const { core, iqs, sent } = server([NS_INVISIBLE]);
    const invisibility = new Invisibility(core, 'example.org');
    expect(await invisibility.hide()).toEqual({});
    expect(invisibility.hidden).toBe(true);
    expect(attr(iqs[0] ?? xml('x'), 'to')).toBe('example.org');
    expect(iqs.map(name)).toEqual(['iq/query', 'iq/invisible']);
    expect(attr(iqs[1]?.children[0] as Element, 'xmlns')).toBe('urn:xmpp:invisible:0');
    await invisibility.reveal();
    expect(iqs.map(name)).toEqual(['iq/query', 'iq/invisible', 'iq/visible']);
    expect(invisibility.hidden).toBe(false);
    expect(sent).toEqual([]);
  });

  it('elsewhere sends unavailable presence and says what that costs; asks the server only once', async () => {
    const { core, iqs, sent } = server(['http://jabber.org/protocol/disco#info']);
    const invisibility = new Invisibility(core, 'example.org');
    expect(await invisibility.hide()).toEqual({ note: WITHOUT_INVISIBLE_COMMAND });
    expect(sent.map((element) => `${element.name}:${attr(element, 'type') ?? ''}`)).toEqual(['presence:unavailable']);
    await invisibility.reveal();
    await invisibility.hide();
    expect(iqs.map(name)).toEqual(['iq/query']);
  });

  it('at login: XEP-0186 before initial presence where offered, else no initial presence at all', async () => {
    const offered = server([NS_INVISIBLE]);
    expect(await new Invisibility(offered.core, 'example.org').hideAtLogin()).toBe(true);
    expect(offered.iqs.map(name)).toEqual(['iq/query', 'iq/invisible']);
    const plain = server([]);
    const invisibility = new Invisibility(plain.core, 'example.org');
    expect(await invisibility.hideAtLogin()).toBe(false);
    expect(invisibility.hidden).toBe(true);
    expect(await invisibility.hide()).toEqual({ note: WITHOUT_INVISIBLE_COMMAND }); // the core sets it again: nothing more is sent
    expect(plain.sent).toEqual([]);
  });
});
