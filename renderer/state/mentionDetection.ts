/**
 * Whether a message names the user, the way each network's users name each other:
 * - IRC: the nick as a word of its own, compared with the RFC 1459 case mapping
 *   ("[]\~" are the upper case of "{}|^", RFC 2812 §2.2), where nick characters
 *   (letters, digits, "[]\`_^{|}-") do not count as word boundaries ("alice_" is not "alice").
 * - XMPP rooms: the user's own room nick (XEP-0045 §7.2), as a word, any case.
 * - Matrix: a pill, i.e. a link to the user's matrix.to permalink in the formatted body
 *   (what clients send alongside `m.mentions`, spec v1.7 "User and room mentions"), the full
 *   user id, or the display name in the room as a word (the legacy
 *   `.m.rule.contains_display_name` push rule).
 * - Any other network: the account's id, its local part or the room nick, as a word.
 */
import type { MessageView } from '../../electron/bridge/schemas.js';

export interface SelfIdentity {
  /** The account's plugin ('irc', 'xmpp', 'matrix', or a third party's). */
  readonly pluginId: string;
  /** The account's own id on the network (nick, JID, Matrix user id). */
  readonly selfId: string | undefined;
  /** What the user is called in this conversation (room nick, Matrix display name), when known. */
  readonly nameHere: string | undefined;
}

const IRC_NICK_CHAR = /[\p{L}\p{N}[\]\\`_^{|}-]/u;
const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** RFC 1459 case mapping: the lower case of a nick or channel. */
export function ircLower(text: string): string {
  return text.toLowerCase().replace(/[[\]\\~]/g, (char) => ({ '[': '{', ']': '}', '\\': '|', '~': '^' })[char] ?? char);
}

/** `name` occurs in `text` with no `wordChar` on either side. Both already in one case. */
function containsWord(text: string, name: string, wordChar: RegExp): boolean {
  if (name.length === 0) return false;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const before = text.charAt(at - 1);
    const after = text.charAt(at + name.length);
    if ((before === '' || !wordChar.test(before)) && (after === '' || !wordChar.test(after))) return true;
  }
  return false;
}

function anyWord(text: string, names: readonly (string | undefined)[], wordChar: RegExp): boolean {
  const lower = text.toLowerCase();
  return names.some((name) => name !== undefined && name.trim().length >= 2 && containsWord(lower, name.trim().toLowerCase(), wordChar));
}

function localPart(selfId: string | undefined): string | undefined {
  return selfId?.replace(/^@/, '').split(/[@:/]/)[0];
}

function matrixPill(html: string | undefined, selfId: string | undefined): boolean {
  if (html === undefined || selfId === undefined) return false;
  const decoded = html.replace(/%40/gi, '@').replace(/%3a/gi, ':');
  return decoded.includes(`matrix.to/#/${selfId}"`) || decoded.includes(`matrix.to/#/${selfId}'`) || decoded.includes(`matrix.to/#/${selfId}?`);
}

export function mentionsSelf(message: Pick<MessageView, 'body' | 'html' | 'mentionsSelf'>, self: SelfIdentity): boolean {
  // The network said whom the message mentions (Matrix m.mentions, spec "User and room
  // mentions"): that alone counts, not a name that happens to be in the text.
  if (message.mentionsSelf !== undefined) return message.mentionsSelf;
  const { body } = message;
  switch (self.pluginId) {
    case 'irc': {
      const nick = self.nameHere ?? self.selfId;
      return nick !== undefined && containsWord(ircLower(body), ircLower(nick), IRC_NICK_CHAR);
    }
    case 'xmpp':
      return anyWord(body, [self.nameHere ?? localPart(self.selfId)], WORD_CHAR);
    case 'matrix':
      return matrixPill(message.html, self.selfId) || (self.selfId !== undefined && body.includes(self.selfId))
        || anyWord(body, [self.nameHere ?? localPart(self.selfId)], WORD_CHAR);
    default:
      return anyWord(body, [self.selfId, localPart(self.selfId), self.nameHere], WORD_CHAR);
  }
}

/**
 * The members a message the user writes names (their display name or id as a word), for a
 * network with intentional mentions: what the composer's name completion put in the text.
 * Only members of the room, never the user themselves.
 */
export function mentionedMembers(body: string, members: readonly { readonly id: string; readonly displayName: string }[], selfId: string | undefined): string[] {
  const lower = body.toLowerCase();
  return members.filter((member) => member.id !== selfId
    && (lower.includes(member.id.toLowerCase()) || (member.displayName.trim().length >= 2 && containsWord(lower, member.displayName.trim().toLowerCase(), WORD_CHAR))))
    .map((member) => member.id);
}
