/**
 * What the link dialog asks and says, in words: "Join #room on irc.example.org with
 * account alice?". Pure, so the sentences are tested without a view.
 */
import type { LinkAction, LinkResolution } from '../../electron/bridge/linkSchemas.js';

const NETWORK_NAMES = { irc: 'IRC', xmpp: 'XMPP', matrix: 'Matrix' } as const;

/** The verb of the confirm button. */
export function linkVerb(action: LinkAction): string {
  switch (action.kind) {
    case 'join-room': return 'Join room';
    case 'open-chat': return 'Open chat';
    case 'add-contact': return 'Add contact';
    case 'open-server': return 'Show server';
  }
}

function onServer(action: LinkAction): string {
  return action.network === 'irc' && action.server !== undefined ? ` on ${action.server}` : '';
}

/** What the link asks, without the account: "Join #room on irc.example.org". */
export function linkWhat(action: LinkAction): string {
  switch (action.kind) {
    case 'join-room': return `Join ${action.room}${onServer(action)}`;
    case 'open-chat': return `Open a chat with ${action.contactId}${onServer(action)}`;
    case 'add-contact': return `Add ${action.contactId}${action.name !== undefined ? ` (${action.name})` : ''} to your buddy list${action.group !== undefined ? ` in ${action.group}` : ''}`;
    case 'open-server': return `Show the server messages of ${action.server ?? 'the server'}`;
  }
}

/** The question, with the account the user chose: "Join #room on irc.example.org with account alice?" */
export function linkQuestion(action: LinkAction, accountLabel: string): string {
  return `${linkWhat(action)} with account ${accountLabel}?`;
}

/** Extra facts under the question, each a sentence. */
export function linkNotes(action: LinkAction): string[] {
  const notes: string[] = [];
  if (action.kind === 'join-room' && action.eventId !== undefined) notes.push('The link points at a message in this room.');
  if (action.kind === 'open-chat' && action.body !== undefined) notes.push('The link suggests a message: it goes into the message box and is sent only if you send it.');
  return notes;
}

/** Why no account fits, and what adding one would be for. */
export function noAccountText(resolution: LinkResolution): string {
  if (!resolution.parsed.ok) return '';
  const { action } = resolution.parsed;
  const network = NETWORK_NAMES[action.network];
  if (action.account !== undefined) return `The link asks for your XMPP account ${action.account}, which is not set up here. Add it to continue.`;
  const where = action.network === 'irc' && action.server !== undefined ? `${network} account on ${action.server}` : `${network} account`;
  return `You have no ${where}. Add one to ${linkWhat(action).charAt(0).toLowerCase()}${linkWhat(action).slice(1)}.`;
}
