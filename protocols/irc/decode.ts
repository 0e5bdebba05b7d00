/**
 * Bytes of one incoming line to text. IRC has no declared encoding (RFC 2812 §2.2); modern
 * servers and clients send UTF-8, older ones a legacy code page. A line that is valid
 * UTF-8 is read as UTF-8; any other line is read with the account's fallback encoding
 * (default latin1, which the WHATWG Encoding Standard maps to windows-1252, what mIRC
 * sends), never with U+FFFD replacement garbage.
 */

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const decoders = new Map<string, TextDecoder>();

/** A decoder for an encoding label, or undefined when the label is unknown. */
export function fallbackDecoder(label: string): TextDecoder | undefined {
  const key = label.trim().toLowerCase();
  const cached = decoders.get(key);
  if (cached) return cached;
  try {
    const decoder = new TextDecoder(key);
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
export function decodeLine(bytes: Uint8Array, fallback: TextDecoder): string {
  // Pure ASCII (the common case for protocol traffic) needs no decoder.
  let ascii = true;
  for (const byte of bytes) {
    if (byte >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  try {
    return utf8.decode(bytes);
  } catch {
    return fallback.decode(bytes);
  }
}
