/**
 * A chosen profile picture made small enough for every network, in the browser, as Pidgin
 * scales a buddy icon to its protocol's size: a picture up to {@link FITTED_PICTURE_BYTES}
 * goes as it is (an animated GIF stays animated); a bigger one is drawn at most
 * {@link FITTED_PICTURE_SIDE} pixels on its longer side and encoded as PNG (transparency
 * kept), else as JPEG at falling quality until it fits. The bound is XMPP's: contacts accept
 * avatars of at most 64 KB (protocols/xmpp/avatarCache.ts; XEP-0084 §5 asks for small ones).
 */
import type { ProfilePictureType } from '../../electron/bridge/ownProfile.js';

export const FITTED_PICTURE_BYTES = 64 * 1024;
/** Networks show avatars at a few dozen pixels; 256 keeps them sharp on dense screens. */
export const FITTED_PICTURE_SIDE = 256;
/** Tried in order: the first encoding that fits is sent. */
const ENCODINGS: readonly { readonly type: ProfilePictureType; readonly quality?: number }[] = [
  { type: 'image/png' }, { type: 'image/jpeg', quality: 0.9 }, { type: 'image/jpeg', quality: 0.75 }, { type: 'image/jpeg', quality: 0.6 },
];

export interface FittedPicture {
  readonly blob: Blob;
  readonly mimeType: ProfilePictureType;
}

/** The size a picture is drawn at: its own, or scaled down to the longer side's bound. */
export function fittedSize(width: number, height: number, side = FITTED_PICTURE_SIDE): { width: number; height: number } {
  const scale = Math.min(1, side / Math.max(width, height, 1));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * The picture as it will be sent; rejects when the browser cannot decode it (it is then not
 * an image) or no encoding fits (it cannot happen at 256 px, but is said rather than sent).
 */
export async function fitPicture(file: Blob, mimeType: ProfilePictureType): Promise<FittedPicture | null> {
  if (file.size <= FITTED_PICTURE_BYTES) return { blob: file, mimeType };
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return null;
  }
  try {
    const { width, height } = fittedSize(bitmap.width, bitmap.height);
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) return null;
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
    for (const { type, quality } of ENCODINGS) {
      // JPEG has no transparency: what was see-through becomes white, not black.
      if (type === 'image/jpeg' && context.globalCompositeOperation !== 'destination-over') {
        context.globalCompositeOperation = 'destination-over';
        context.fillStyle = '#ffffff';
        context.fillRect(0, 0, width, height);
      }
      const blob = await canvas.convertToBlob(quality === undefined ? { type } : { type, quality });
      // A browser that cannot write the type answers with PNG: only the asked type counts.
      if (blob.type === type && blob.size <= FITTED_PICTURE_BYTES) return { blob, mimeType: type };
    }
    return null;
  } finally {
    bitmap.close();
  }
}
