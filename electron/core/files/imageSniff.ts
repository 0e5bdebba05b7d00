/**
 * What an image really is, read from its first bytes (the WHATWG MIME Sniffing signatures
 * for images), never from the name or the type the sender claimed: a file that says
 * image/png but holds HTML must not reach an <img> as an image of ours. Only raster formats
 * Chromium decodes without running anything are previewed; SVG (a document that can carry
 * scripts and links) and everything else is not.
 */

/** The image types a preview may show. */
export type PreviewImageType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

const SIGNATURES: readonly { readonly type: PreviewImageType; readonly bytes: readonly (number | null)[] }[] = [
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/gif', bytes: [0x47, 0x49, 0x46, 0x38, 0x37, 0x61] }, // GIF87a
  { type: 'image/gif', bytes: [0x47, 0x49, 0x46, 0x38, 0x39, 0x61] }, // GIF89a
  // "RIFF", any 4-byte length, "WEBPVP"
  { type: 'image/webp', bytes: [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50] },
];

/** The image type the bytes start with, or undefined when they are not a previewable image. */
export function sniffImageType(bytes: Uint8Array): PreviewImageType | undefined {
  return SIGNATURES.find(({ bytes: signature }) =>
    bytes.length >= signature.length && signature.every((expected, index) => expected === null || bytes[index] === expected))?.type;
}
