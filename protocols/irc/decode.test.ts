import { describe, expect, it } from 'vitest';
import { decodeLine, fallbackDecoder, windows1252 } from './decode.js';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

describe('decodeLine', () => {
  it('reads valid UTF-8 as UTF-8', () => {
    expect(decodeLine(new TextEncoder().encode('café €5 — ok'), windows1252)).toBe('café €5 — ok');
  });

  it('reads a line that is not UTF-8 as windows-1252, euro sign and curly quotes included', () => {
    // "€5 “hi” café" as mIRC on a Western Windows sends it.
    const line = bytes(0x80, 0x35, 0x20, 0x93, 0x68, 0x69, 0x94, 0x20, 0x63, 0x61, 0x66, 0xe9);
    expect(decodeLine(line, windows1252)).toBe('€5 “hi” café');
  });

  it('maps every latin1 label to the same windows-1252 reading', () => {
    for (const label of ['latin1', 'ISO-8859-1', 'cp1252', ' windows-1252 ']) {
      expect(fallbackDecoder(label)?.decode(bytes(0x85, 0x99, 0x9f))).toBe('…™Ÿ');
    }
  });

  it('keeps the five undefined windows-1252 bytes as C1 controls instead of dropping them', () => {
    const text = windows1252.decode(bytes(0x81, 0x8d, 0x8f, 0x90, 0x9d));
    expect(Array.from({ length: text.length }, (_, index) => text.charCodeAt(index)))
      .toEqual([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
  });

  it('uses another named encoding as asked, and knows no made-up one', () => {
    expect(fallbackDecoder('koi8-r')?.decode(bytes(0xd0, 0xd2, 0xc9))).toBe('при');
    expect(fallbackDecoder('no-such-encoding')).toBeUndefined();
  });
});
