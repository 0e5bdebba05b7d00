/** Turns what the user typed into a `messages.send` request. */

export interface OutgoingMessage {
  readonly body: string;
  readonly kind: 'text' | 'action';
}

/**
 * `/me waves` is an action; `//text` sends a text starting with one slash. Anything else is
 * sent as typed. Returns null when there is nothing to send.
 */
export function parseComposerText(text: string): OutgoingMessage | null {
  if (text.trim() === '') return null;
  const action = /^\/me(?:\s+([\s\S]*))?$/.exec(text);
  if (action) {
    const body = (action[1] ?? '').trim();
    return body === '' ? null : { body, kind: 'action' };
  }
  if (text.startsWith('//')) return { body: text.slice(1), kind: 'text' };
  return { body: text, kind: 'text' };
}
