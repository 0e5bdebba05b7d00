/**
 * What a message's body shows: its `html`, made safe, else its plain `body` with links.
 * HTML that sanitizes to no visible text (only tags we drop, e.g. an image or an unknown
 * element) falls back to the plain body, which Matrix requires beside `formatted_body`
 * (spec §m.room.message msgtypes, "body ... fallback"): the row never shows only a sender.
 */
import { linkifyText } from './linkify.js';
import { plainText, type RichNode } from './richNodes.js';
import { sanitizeHtml } from './sanitizeHtml.js';

export function messageNodes(message: { readonly html?: string | undefined; readonly body: string }): RichNode[] {
  if (message.html !== undefined && message.html !== '') {
    const rich = sanitizeHtml(message.html);
    if (plainText(rich).trim() !== '' || message.body.trim() === '') return rich;
  }
  return linkifyText(message.body);
}
