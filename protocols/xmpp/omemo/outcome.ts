/**
 * What decryption made of a message, attached to the decrypted copy of the stanza for the
 * rest of the message path (messageParse.ts → chat.ts). A WeakMap keyed by the element
 * object, so that nothing a sender puts into a stanza can claim to have been decrypted.
 */
import type { IncomingMessage, SenderTrust } from '../../api/index.js';
import { NS, xml, type Element } from '../xml.js';

export type Decryption =
  | { readonly kind: 'decrypted'; readonly trust: SenderTrust }
  | { readonly kind: 'failed' };

const outcomes = new WeakMap<Element, Decryption>();

export function decryptionOf(stanza: Element): Decryption | undefined {
  return outcomes.get(stanza);
}

/**
 * Replaces the message's (fallback) body by `body` in place and remembers it as decrypted or
 * failed. In place: the stanza came off our own stream and nothing else holds it, and a
 * carbon's or an archive result's inner message stays where the router looks for it.
 */
export function applyDecryption(message: Element, body: string, outcome: Decryption): void {
  message.children = message.children.filter((node) => typeof node === 'string' || !(node.getName() === 'body' && node.getNS() === NS.client));
  message.append(xml('body', {}, body));
  outcomes.set(message, outcome);
}

/** What the user reads instead of a message that could not be decrypted. */
export function undecryptableText(reason: string): string {
  return `This message could not be decrypted: ${reason}`;
}

/** The message's fields for what decryption made of it (plugin API: encrypted, senderTrust, undecryptable). */
export function encryptionFields(decryption: Decryption | undefined): Pick<IncomingMessage, 'encrypted' | 'senderTrust' | 'undecryptable'> {
  if (decryption?.kind === 'decrypted') return { encrypted: true, senderTrust: decryption.trust };
  if (decryption?.kind === 'failed') return { undecryptable: true };
  return {};
}
