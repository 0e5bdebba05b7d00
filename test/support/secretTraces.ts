/**
 * Every shape a leaked secret could take in bytes we inspect: the plain UTF-8 text, UTF-16
 * (either byte order, as a Windows API or a JavaScript string dump writes it), and base64 /
 * base64url of either, at each of the three alignments a secret can have inside a longer
 * encoded blob (RFC 4648 §4: each 3 input bytes become 4 characters, so the same secret
 * encodes differently depending on how many bytes precede it).
 */

/** A named byte pattern to look for. */
export interface SecretTrace {
  readonly encoding: string;
  readonly bytes: Buffer;
}

function utf16be(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    const low = bytes[i] ?? 0;
    bytes[i] = bytes[i + 1] ?? 0;
    bytes[i + 1] = low;
  }
  return bytes;
}

/**
 * The base64 characters that depend on `raw` alone when it starts `offset` bytes (0–2) into
 * an encoded stream: the groups shared with the bytes before or after it are cut off.
 */
function base64Core(raw: Buffer, offset: number, url: boolean): string {
  const padded = Buffer.concat([Buffer.alloc(offset), raw]);
  const encoded = padded.toString(url ? 'base64url' : 'base64');
  const start = offset === 0 ? 0 : 4;
  const end = Math.floor(padded.length / 3) * 4;
  return encoded.slice(start, end);
}

export function secretTraces(secret: string): SecretTrace[] {
  const forms: [string, Buffer][] = [
    ['UTF-8', Buffer.from(secret, 'utf8')],
    ['UTF-16LE', Buffer.from(secret, 'utf16le')],
    ['UTF-16BE', utf16be(secret)],
  ];
  const traces: SecretTrace[] = forms.map(([encoding, bytes]) => ({ encoding, bytes }));
  for (const [encoding, raw] of forms) {
    for (const offset of [0, 1, 2]) {
      for (const url of [false, true]) {
        const core = base64Core(raw, offset, url);
        traces.push({ encoding: `${url ? 'base64url' : 'base64'} of ${encoding} (offset ${offset})`, bytes: Buffer.from(core, 'ascii') });
      }
    }
  }
  return traces;
}

/** The encodings of the secret found in `haystack` (empty: no trace). */
export function tracesIn(haystack: Buffer, traces: readonly SecretTrace[]): string[] {
  return traces.filter((trace) => haystack.includes(trace.bytes)).map((trace) => trace.encoding);
}

/**
 * Every string inside a parsed JSON value, as bytes both ways a string can become bytes
 * (UTF-8, and one byte per code unit): a secret hidden in a string as UTF-16 code units
 * ("c\u0000o\u0000…") shows up in the second.
 */
export function stringBytes(value: unknown): Buffer[] {
  if (typeof value === 'string') return [Buffer.from(value, 'utf8'), Buffer.from(value, 'latin1')];
  if (Array.isArray(value)) return value.flatMap(stringBytes);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => [...stringBytes(key), ...stringBytes(item)]);
  return [];
}
