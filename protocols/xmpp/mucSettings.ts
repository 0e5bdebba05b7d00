/**
 * A room's settings as its owner changes them (XEP-0045 §10.2): the muc#owner configuration
 * form is read, and only the fields the room offers are sent back, changed. Servers differ:
 * ejabberd has muc#roomconfig_passwordprotectedroom beside the password, Prosody only the
 * password (an empty one means none). The room's name, description and public listing
 * (muc#roomconfig_roomname, roomdesc, publicroom) are the same form's.
 */
import { ProtocolError, type RoomSettings } from '../api/index.js';
import type { XmppCore } from './core.js';
import { StanzaError } from './stanzaErrors.js';
import { NS, attr, child, childText, children, xml, type Element } from './xml.js';

const FIELDS = {
  membersOnly: 'muc#roomconfig_membersonly',
  persistent: 'muc#roomconfig_persistentroom',
  moderated: 'muc#roomconfig_moderatedroom',
  password: 'muc#roomconfig_roomsecret',
  publicListing: 'muc#roomconfig_publicroom',
} as const;
/** The free-text settings besides the password. */
const TEXTS = { name: 'muc#roomconfig_roomname', description: 'muc#roomconfig_roomdesc' } as const;
const FLAGS = ['membersOnly', 'persistent', 'moderated', 'publicListing'] as const;
const PASSWORD_PROTECTED = 'muc#roomconfig_passwordprotectedroom';
const ROOM_CONFIG = 'http://jabber.org/protocol/muc#roomconfig';

/** The form's fields by name, with their first value. */
function formFields(result: Element): Map<string, string> {
  const form = child(child(result, 'query', NS.mucOwner), 'x', NS.dataForms);
  const fields = new Map<string, string>();
  for (const field of children(form, 'field', NS.dataForms)) {
    const name = attr(field, 'var');
    if (name) fields.set(name, childText(field, 'value', NS.dataForms) ?? '');
  }
  return fields;
}

const truthy = (value: string | undefined): boolean => value === '1' || value === 'true';

async function readForm(core: XmppCore, jid: string): Promise<Map<string, string>> {
  const doing = `Reading the settings of ${jid}`;
  try {
    return formFields(await core.iq(xml('iq', { type: 'get', to: jid }, xml('query', { xmlns: NS.mucOwner })), doing));
  } catch (error: unknown) {
    if (error instanceof StanzaError && error.condition === 'forbidden') throw new ProtocolError('protocol', `${doing} failed: only an owner of the room may see and change them.`);
    throw error;
  }
}

/** The settings the room offers, as they are now. */
export async function roomSettings(core: XmppCore, jid: string): Promise<RoomSettings> {
  const fields = await readForm(core, jid);
  const flag = (key: (typeof FLAGS)[number]) => (fields.has(FIELDS[key]) ? { [key]: truthy(fields.get(FIELDS[key])) } : {});
  const text = (key: keyof typeof TEXTS) => { const value = fields.get(TEXTS[key]); return value !== undefined ? { [key]: value } : {}; };
  const password = fields.get(FIELDS.password);
  return {
    ...flag('membersOnly'), ...flag('persistent'), ...flag('moderated'), ...flag('publicListing'), ...text('name'), ...text('description'),
    ...(password !== undefined ? { password: fields.has(PASSWORD_PROTECTED) && !truthy(fields.get(PASSWORD_PROTECTED)) ? '' : password } : {}),
  };
}

/** §10.2: submit the given settings; a setting the room does not offer is refused in words. */
export async function setRoomSettings(core: XmppCore, jid: string, settings: RoomSettings): Promise<void> {
  const fields = await readForm(core, jid);
  const values: [string, string][] = [];
  for (const key of FLAGS) {
    const value = settings[key];
    if (value === undefined) continue;
    if (!fields.has(FIELDS[key])) throw new ProtocolError('not-supported', `${jid} has no such setting (${FIELDS[key]}).`);
    values.push([FIELDS[key], value ? '1' : '0']);
  }
  for (const key of ['name', 'description'] as const) {
    const value = settings[key];
    if (value === undefined) continue;
    if (!fields.has(TEXTS[key])) throw new ProtocolError('not-supported', `${jid} has no such setting (${TEXTS[key]}).`);
    values.push([TEXTS[key], value]);
  }
  if (settings.password !== undefined) {
    if (!fields.has(FIELDS.password)) throw new ProtocolError('not-supported', `${jid} cannot have a password.`);
    if (fields.has(PASSWORD_PROTECTED)) values.push([PASSWORD_PROTECTED, settings.password === '' ? '0' : '1']);
    values.push([FIELDS.password, settings.password]);
  }
  const form = xml('x', { xmlns: NS.dataForms, type: 'submit' },
    xml('field', { var: 'FORM_TYPE' }, xml('value', {}, ROOM_CONFIG)),
    ...values.map(([name, value]) => xml('field', { var: name }, xml('value', {}, value))));
  const doing = `Changing the settings of ${jid}`;
  try {
    await core.iq(xml('iq', { type: 'set', to: jid }, xml('query', { xmlns: NS.mucOwner }, form)), doing);
  } catch (error: unknown) {
    if (error instanceof StanzaError && error.condition === 'forbidden') throw new ProtocolError('protocol', `${doing} failed: only an owner of the room may change them.`);
    throw error;
  }
}
