import { describe, expect, it } from 'vitest';
import type { Attachment } from '../../electron/bridge/schemas.js';
import { canPreview, previewByItself } from './inlinePreviews.js';
import { message } from './testData.js';

const image: Attachment = { url: 'mxc://example.org/cat', name: 'cat.png', kind: 'image', mimeType: 'image/png' };
const file: Attachment = { url: 'https://files.example.org/setup.exe', name: 'setup.exe', kind: 'file' };
const received = message({ attachments: [image, file] });

describe('inline image previews', () => {
  it('fetch a received image unasked only when the user turned them on', () => {
    expect(previewByItself(false, received, image, undefined)).toBe(false);
    expect(previewByItself(true, received, image, undefined)).toBe(true);
  });

  it('fetch only what "Show preview" could: an image of a received message with a remote copy', () => {
    expect(previewByItself(true, received, file, undefined)).toBe(false);
    expect(canPreview(received, file)).toBe(false);
    const own = message({ direction: 'out', status: 'sent' });
    expect(canPreview(own, image)).toBe(false);
    expect(previewByItself(true, own, image, undefined)).toBe(false);
    expect(previewByItself(true, received, { ...image, url: '' }, undefined)).toBe(false);
    expect(previewByItself(true, message({ deleted: true }), image, undefined)).toBe(false);
  });

  it('fetch each image once: not while loading, not after it showed or failed, and not again after the user hid it', () => {
    expect(previewByItself(true, received, image, { status: 'loading' })).toBe(false);
    expect(previewByItself(true, received, image, { status: 'shown', url: 'blob:x' })).toBe(false);
    expect(previewByItself(true, received, image, { status: 'failed', error: 'too big' })).toBe(false);
    expect(previewByItself(true, received, image, { status: 'hidden' })).toBe(false);
  });
});
