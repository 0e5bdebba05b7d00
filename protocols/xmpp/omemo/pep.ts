/**
 * OMEMO's PEP nodes (XEP-0163): the device list (`…axolotl.devicelist`, item `current`) and
 * one bundle per device (`…axolotl.bundles:<id>`). Published with the publish option
 * `pubsub#access_model = open` (XEP-0384 v0.3 §4.2/§4.3, what Conversations publishes: a
 * contact who is not subscribed to our presence must still reach our bundle); a node that
 * exists with another access model (XEP-0060 §7.1.5 precondition-not-met) is configured to
 * `open` and the item published again.
 */
import { optionsForm, stanzaCondition } from '../bookmarks.js';
import type { XmppCore } from '../core.js';
import { NS, attr, child, children, xml, type Element } from '../xml.js';
import { DEVICE_LIST_NODE, bundleElement, bundleNode, deviceListElement, readBundle, readDeviceList, type Bundle } from './wire.js';

const OPEN = [['pubsub#access_model', 'open']] as const;

async function publish(core: XmppCore, node: string, payload: Element, what: string): Promise<void> {
  const stanza = (): Element => xml('iq', { type: 'set' }, xml('pubsub', { xmlns: NS.pubsub },
    xml('publish', { node }, xml('item', { id: 'current' }, payload)),
    xml('publish-options', {}, optionsForm('http://jabber.org/protocol/pubsub#publish-options', OPEN))));
  try {
    await core.iq(stanza(), what);
  } catch (error: unknown) {
    if (stanzaCondition(error) !== 'conflict') throw error; // XEP-0060 §7.1.5: <conflict/> + <precondition-not-met/>
    await core.iq(xml('iq', { type: 'set' }, xml('pubsub', { xmlns: NS.pubsubOwner },
      xml('configure', { node }, optionsForm('http://jabber.org/protocol/pubsub#node_config', OPEN)))), `${what} (configuring the node)`);
    await core.iq(stanza(), what);
  }
}

/** The first item's payload of a node of `jid` (undefined: no such node or item). */
async function fetchItem(core: XmppCore, jid: string | undefined, node: string, what: string): Promise<Element | undefined> {
  const result = await core.iq(xml('iq', { type: 'get', ...(jid !== undefined ? { to: jid } : {}) },
    xml('pubsub', { xmlns: NS.pubsub }, xml('items', { node, max_items: '1' }))), what);
  const item = children(child(child(result, 'pubsub', NS.pubsub), 'items', NS.pubsub), 'item', NS.pubsub)[0];
  return item?.children.find((node): node is Element => typeof node !== 'string');
}

function isMissing(error: unknown): boolean {
  const condition = stanzaCondition(error);
  return condition === 'item-not-found' || condition === 'service-unavailable' || condition === 'forbidden' || condition === 'not-authorized';
}

/** A device list, [] when the account has none (never published, or not ours to read). */
export async function fetchDeviceList(core: XmppCore, jid: string): Promise<number[]> {
  try {
    const own = jid === core.selfBare;
    return readDeviceList(await fetchItem(core, own ? undefined : jid, DEVICE_LIST_NODE, `Fetching the OMEMO devices of ${jid}`));
  } catch (error: unknown) {
    if (isMissing(error)) return [];
    throw error;
  }
}

export function publishDeviceList(core: XmppCore, ids: readonly number[]): Promise<void> {
  return publish(core, DEVICE_LIST_NODE, deviceListElement(ids), 'Publishing the OMEMO device list');
}

export function publishBundle(core: XmppCore, deviceId: number, bundle: Bundle): Promise<void> {
  return publish(core, bundleNode(deviceId), bundleElement(bundle), 'Publishing the OMEMO keys of this device');
}

export async function fetchBundle(core: XmppCore, jid: string, deviceId: number): Promise<Bundle | undefined> {
  try {
    const own = jid === core.selfBare;
    return readBundle(await fetchItem(core, own ? undefined : jid, bundleNode(deviceId), `Fetching the OMEMO keys of ${jid}`));
  } catch (error: unknown) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/** A device list notification (XEP-0163 §4.3 via `+notify`): the JID and its devices, or undefined when it is not one. */
export function readDeviceListEvent(stanza: Element): number[] | undefined {
  const items = child(child(stanza, 'event', NS.pubsubEvent), 'items', NS.pubsubEvent);
  if (!items || attr(items, 'node') !== DEVICE_LIST_NODE) return undefined;
  const item = children(items, 'item', NS.pubsubEvent)[0];
  const list = item?.children.find((node): node is Element => typeof node !== 'string');
  return readDeviceList(list);
}
