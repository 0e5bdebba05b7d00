/**
 * Inline image previews (Settings › Timeline, `inlineImagePreviews`): whether a received
 * image's preview is fetched by itself when its message is shown, instead of on the user's
 * "Show preview".
 *
 * Security: on, the same path loads it as a click would, and only that path. The core
 * fetches (https by httpsDownload, network URIs and encrypted media by the account's
 * plugin, which decrypts), refuses anything over the preview cap (10 MiB,
 * DEFAULT_ATTACHMENT_LIMITS) and answers only bytes it sniffed as PNG, JPEG, GIF or WebP;
 * the page shows them from a blob: URL (CSP img-src blob:), so no remote URL ever reaches an
 * <img> and the page itself contacts no server. What changes is *when*: without the click
 *  - the sender (or whoever hosts an https link) learns that, when and from which address
 *    the message was looked at (a tracking pixel), which is why it is off by default; a
 *    Matrix mxc:// image comes through the user's own homeserver instead;
 *  - Chromium's image decoders see a stranger's bytes unasked (the sniffing and the cap
 *    narrow that, they do not remove it), and an unwanted picture shows in a public room;
 *  - each shown image costs up to the cap in traffic and memory.
 * Only the rows on screen fetch (the log is windowed), each image once; one the user hid
 * stays hidden (PreviewState 'hidden').
 */
import type { Attachment, MessageView } from '../../electron/bridge/schemas.js';
import type { PreviewState } from './attachments.js';

/** A preview the core can give: an image of a received message with a remote copy (own files have none here, url ''). */
export function canPreview(message: MessageView, attachment: Attachment): boolean {
  return message.direction === 'in' && attachment.url !== '' && attachment.kind === 'image';
}

/** Whether to fetch this image's preview now, unasked: previews on, a previewable image, nothing fetched or hidden yet. */
export function previewByItself(inlineImagePreviews: boolean, message: MessageView, attachment: Attachment, preview: PreviewState | undefined): boolean {
  return inlineImagePreviews && preview === undefined && message.deleted !== true && canPreview(message, attachment);
}
