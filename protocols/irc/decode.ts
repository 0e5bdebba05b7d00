/**
 * Bytes of one incoming line to text. IRC has no declared encoding (RFC 2812 §2.2); modern
 * servers and clients send UTF-8, older ones a legacy code page. A line that is valid
 * UTF-8 is read as UTF-8; any other line is read with the account's fallback encoding
 * (default latin1, which the WHATWG Encoding Standard maps to windows-1252, what mIRC
 * sends), never with U+FFFD replacement garbage.
 */

import { isAscii, isUtf8 } from 'node:buffer';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Turns the bytes of a line that is not UTF-8 into text. */
export interface LineDecoder {
  decode(bytes: Uint8Array): string;
}

/**
 * What windows-1252 puts at 0x80–0x9F (the five holes stay C1 controls, as the WHATWG
 * table has them). Node 20.18.3+ decodes this range as C1 controls for every label that
 * means windows-1252 (nodejs/node#56542), which silently drops the euro sign and the curly
 * quotes old mIRC clients send; so this range is mapped here, not by TextDecoder.
 */
const WINDOWS_1252_HIGH = '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F'
  + '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/** The fallback when the account names none: what mIRC and most legacy clients send. */
export const windows1252: LineDecoder = {
  decode(bytes) {
    let text = '';
    for (const byte of bytes) {
      text += byte >= 0x80 && byte < 0xa0 ? WINDOWS_1252_HIGH.charAt(byte - 0x80) : String.fromCharCode(byte);
    }
    return text;
  },
};

const decoders = new Map<string, LineDecoder>();

/** A decoder for an encoding label, or undefined when the label is unknown. */
export function fallbackDecoder(label: string): LineDecoder | undefined {
  const key = label.trim().toLowerCase();
  const cached = decoders.get(key);
  if (cached) return cached;
  try {
    const native = new TextDecoder(key);
    const decoder = native.encoding === 'windows-1252' ? windows1252 : native;
    decoders.set(key, decoder);
    return decoder;
  } catch {
    return undefined;
  }
}

/** True for an encoding label this runtime can decode. */
export function isKnownEncoding(label: string): boolean {
  return fallbackDecoder(label) !== undefined;
}

/** Decode one line (without CR LF). Never throws. */
export function decodeLine(bytes: Uint8Array, fallback: LineDecoder): string {
  // Pure ASCII (the common case for protocol traffic) needs no decoder; both checks are native.
  if (isAscii(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (isUtf8(bytes)) return utf8.decode(bytes);
  return fallback.decode(bytes);
}
