/**
 * Headless mode sends a file's bytes as a streamed HTTP POST next to the page
 * (`<token>/upload`), not in a WebSocket frame (the server takes frames of 1 MB at most);
 * the server answers with the id that `messages.sendFile` then names. The Electron app
 * passes the bytes over IPC instead.
 */
import { z } from 'zod';
import { i18n } from '../i18n/index.js';

const answerSchema = z.object({ uploadId: z.string().min(1) });

export type FetchLike = (url: string, init: { method: 'POST'; body: Blob; headers: Record<string, string> }) => Promise<{
  readonly ok: boolean;
  readonly status: number;
  text(): Promise<string>;
}>;

/** `http://host/<token>/` → a function that uploads a file there and resolves with its id. */
export function httpFileUpload(pageHref: string, fetchFile: FetchLike): (file: Blob) => Promise<string> {
  const url = new URL('upload', pageHref);
  url.hash = '';
  url.search = '';
  return async (file) => {
    let answer;
    try {
      answer = await fetchFile(url.toString(), { method: 'POST', body: file, headers: { 'Content-Type': 'application/octet-stream' } });
    } catch {
      throw new Error(i18n.t('uploadErrors.connection'));
    }
    const text = await answer.text();
    // The server's refusals are sentences for the user (too large, too many at once).
    if (!answer.ok) throw new Error(text.trim() === '' ? i18n.t('uploadErrors.http', { status: answer.status }) : text);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const result = answerSchema.safeParse(parsed);
    if (!result.success) throw new Error(i18n.t('uploadErrors.unexpected'));
    return result.data.uploadId;
  };
}
