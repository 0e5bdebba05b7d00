/**
 * The stream's XML parser (@xmpp/xml's, set as the transports' `Parser`, their extension
 * point) with every attribute value and text of a stanza copied out of the text it was read
 * from.
 *
 * ltx hands attribute values and text over as `slice`s of the decoded socket read, and V8
 * keeps a slice of 13 characters or more as a view on its parent: one id kept from a stanza
 * (a stanza-id in a lookup table, an occupant's JID) keeps the whole read alive, up to 64 KiB
 * of the stream with every stanza that arrived with it. The plugin's bounded tables (20,000
 * room messages' authors and archive ids, 5,000 per room's stanza-ids) thus held some
 * 10 MiB of raw XML after 3 minutes of the soak benchmark instead of their ids, and grew
 * until every table was full (issue 18, found by comparing the worker's heap snapshots).
 */
import { Parser } from '@xmpp/xml';

/**
 * A copy of `text` that shares nothing with the string it was cut from. Prefixing makes a
 * cons string that `slice` flattens into a new string of this length only; strings shorter
 * than V8's minimum slice length are copied outright.
 */
export function ownString(text: string): string {
  return ` ${text}`.slice(1);
}

export class OwnedStringsParser extends Parser {
  override onStartElement(name: string, attrs?: string | Record<string, unknown>): void {
    if (attrs !== undefined && typeof attrs !== 'string') {
      for (const [key, value] of Object.entries(attrs)) {
        if (typeof value === 'string') attrs[key] = ownString(value);
      }
    }
    super.onStartElement(ownString(name), attrs);
  }

  override onText(text: string): void {
    super.onText(ownString(text));
  }
}
