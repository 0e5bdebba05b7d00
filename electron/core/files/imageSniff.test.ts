import { describe, expect, it } from 'vitest';
import { sniffImageType } from './imageSniff.js';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const text = (value: string): Uint8Array => new TextEncoder().encode(value);

describe('sniffImageType', () => {
  it('knows PNG, JPEG, GIF and WebP by their first bytes', () => {
    expect(sniffImageType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13))).toBe('image/png');
    expect(sniffImageType(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).toBe('image/jpeg');
    expect(sniffImageType(text('GIF89a\x01\x00'))).toBe('image/gif');
    expect(sniffImageType(text('GIF87a\x01\x00'))).toBe('image/gif');
    expect(sniffImageType(text('RIFF\x24\x00\x00\x00WEBPVP8 '))).toBe('image/webp');
  });

  it('refuses what only claims to be an image: HTML, SVG, other RIFF files, truncated headers, nothing', () => {
    expect(sniffImageType(text('<!doctype html><script>alert(1)</script>'))).toBeUndefined();
    expect(sniffImageType(text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'))).toBeUndefined();
    expect(sniffImageType(text('<?xml version="1.0"?><svg/>'))).toBeUndefined();
    expect(sniffImageType(text('RIFF\x24\x00\x00\x00WAVEfmt '))).toBeUndefined();
    expect(sniffImageType(bytes(0x89, 0x50, 0x4e, 0x47))).toBeUndefined();
    expect(sniffImageType(new Uint8Array())).toBeUndefined();
  });
});
