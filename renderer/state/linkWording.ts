/**
 * What the link dialog asks and says, in words: "Join #room on irc.example.org with
 * account alice?". Pure, so the sentences are tested without a view; the words are the
 * catalogue's (renderer/i18n), in the UI's language.
 */
import type { LinkAction, LinkResolution } from '../../electron/bridge/linkSchemas.js';
import { i18n } from '../i18n/index.js';

const NETWORK_NAMES = { irc: 'IRC', xmpp: 'XMPP', matrix: 'Matrix' } as const;

/** The verb of the confirm button. */
export function linkVerb(action: LinkAction): string {
  switch (action.kind) {
    case 'join-room': return i18n.t('linkWording.joinRoom');
    case 'open-chat': return i18n.t('linkWording.openChat');
    case 'add-contact': return i18n.t('linkWording.addContact');
    case 'open-server': return i18n.t('linkWording.showServer');
  }
}

function onServer(action: LinkAction): string {
  return action.network === 'irc' && action.server !== undefined ? i18n.t('linkWording.onServer', { server: action.server }) : '';
}

/** The values the sentences about a link put in: room, contact, group, server ('' where a kind has none). */
type LinkValues = { readonly room: string; readonly contact: string; readonly group: string; readonly server: string; readonly onServer: string };

function linkValues(action: LinkAction): LinkValues {
  const none: LinkValues = { room: '', contact: '', group: '', server: '', onServer: onServer(action) };
  switch (action.kind) {
    case 'join-room': return { ...none, room: action.room };
    case 'open-chat': return { ...none, contact: action.contactId };
    case 'add-contact': return { ...none, contact: action.name !== undefined ? `${action.contactId} (${action.name})` : action.contactId, group: action.group ?? '' };
    case 'open-server': return { ...none, server: action.server ?? i18n.t('linkWording.theServer') };
  }
}

type Form = 'what' | 'purpose';

function linkSentence(action: LinkAction, form: Form): string {
  const values = linkValues(action);
  switch (action.kind) {
    case 'join-room': return i18n.t(`linkWording.${form}.joinRoom`, values);
    case 'open-chat': return i18n.t(`linkWording.${form}.openChat`, values);
    case 'add-contact': return action.group !== undefined ? i18n.t(`linkWording.${form}.addContactToGroup`, values) : i18n.t(`linkWording.${form}.addContact`, values);
    case 'open-server': return i18n.t(`linkWording.${form}.showServer`, values);
  }
}

/** What the link asks, without the account: "Join #room on irc.example.org". */
export function linkWhat(action: LinkAction): string {
  return linkSentence(action, 'what');
}

/** The question, with the account the user chose: "Join #room on irc.example.org with account alice?" */
export function linkQuestion(action: LinkAction, accountLabel: string): string {
  return i18n.t('linkWording.question', { what: linkWhat(action), account: accountLabel });
}

/** Extra facts under the question, each a sentence. */
export function linkNotes(action: LinkAction): string[] {
  const notes: string[] = [];
  if (action.kind === 'join-room' && action.eventId !== undefined) notes.push(i18n.t('linkWording.pointsAtMessage'));
  if (action.kind === 'open-chat' && action.body !== undefined) notes.push(i18n.t('linkWording.suggestsMessage'));
  return notes;
}

/** Why no account fits, and what adding one would be for. */
export function noAccountText(resolution: LinkResolution): string {
  if (!resolution.parsed.ok) return '';
  const { action } = resolution.parsed;
  const network = NETWORK_NAMES[action.network];
  if (action.account !== undefined) return i18n.t('linkWording.xmppAccountMissing', { account: action.account });
  const purpose = linkSentence(action, 'purpose');
  return action.network === 'irc' && action.server !== undefined
    ? i18n.t('linkWording.noAccountOn', { network, server: action.server, purpose })
    : i18n.t('linkWording.noAccount', { network, purpose });
}
