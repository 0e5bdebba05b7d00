/**
 * A one-shot loopback redirect listener for signing in through the system browser
 * (RFC 8252 §7.3, "Loopback Interface Redirection"): an HTTP server on 127.0.0.1 on a random
 * port that takes exactly one redirect carrying the right `state` (RFC 6749 §10.12: the state
 * ties the answer to the request this app made), answers the browser with a short page saying
 * to go back to the app, and closes. It also closes after a timeout, or when cancelled.
 *
 * A request to the callback path with another state (or none) ends the attempt as a mismatch:
 * some other page is answering in the user's name. Other paths (the browser's favicon) get a
 * 404 and change nothing.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type LoopbackFailureReason = 'timeout' | 'state-mismatch' | 'cancelled';

/** Why the redirect never came, as a reason the caller puts into words. */
export class LoopbackRedirectError extends Error {
  constructor(readonly reason: LoopbackFailureReason) {
    super(`loopback redirect: ${reason}`);
    this.name = 'LoopbackRedirectError';
  }
}

export interface LoopbackPages {
  /** The page the browser shows after a redirect this app accepted. */
  readonly done: string;
  /** The page shown for a redirect with the wrong state. */
  readonly refused: string;
}

export interface LoopbackRedirectOptions {
  readonly timeoutMs: number;
  readonly pages: LoopbackPages;
  /** The callback's path (default `/callback`). */
  readonly path?: string;
}

export interface LoopbackRedirect {
  /** Where the browser is to be sent back: `http://127.0.0.1:PORT/callback?state=…`. */
  readonly redirectUrl: string;
  readonly state: string;
  /** The redirect's query parameters (the state checked); rejects with a {@link LoopbackRedirectError}. */
  readonly result: Promise<URLSearchParams>;
  /** Stop waiting (the result rejects as cancelled); does nothing once settled. */
  cancel(): void;
}

function page(body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Switchboard</title></head><body><main><p>${body}</p></main></body></html>`;
}

/** HTML-escaped text for the pages (the caller's words may hold `<` or `&`). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export async function openLoopbackRedirect(options: LoopbackRedirectOptions): Promise<LoopbackRedirect> {
  const callbackPath = options.path ?? '/callback';
  const state = randomBytes(24).toString('base64url');
  let settle: { resolve: (query: URLSearchParams) => void; reject: (error: LoopbackRedirectError) => void } | undefined;
  const result = new Promise<URLSearchParams>((resolve, reject) => { settle = { resolve, reject }; });
  // Nobody may be awaiting yet when it fails; the caller reads it through `result`.
  result.catch(() => undefined);

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const answer = (status: number, html: string): void => {
      response.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'close' });
      response.end(html);
    };
    if (request.method !== 'GET' || url.pathname !== callbackPath || settle === undefined) {
      answer(404, page('Not found.'));
      return;
    }
    if (url.searchParams.get('state') !== state) {
      answer(400, page(escapeHtml(options.pages.refused)));
      finish(new LoopbackRedirectError('state-mismatch'));
      return;
    }
    answer(200, page(escapeHtml(options.pages.done)));
    finish(url.searchParams);
  });

  const timer = setTimeout(() => finish(new LoopbackRedirectError('timeout')), options.timeoutMs);
  function finish(outcome: URLSearchParams | LoopbackRedirectError): void {
    const current = settle;
    if (current === undefined) return;
    settle = undefined;
    clearTimeout(timer);
    // One use: no new connections; the answer just written still goes out, then the socket closes.
    server.close();
    server.closeIdleConnections();
    if (outcome instanceof LoopbackRedirectError) current.reject(outcome);
    else current.resolve(outcome);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    redirectUrl: `http://127.0.0.1:${port}${callbackPath}?state=${encodeURIComponent(state)}`,
    state,
    result,
    cancel: () => finish(new LoopbackRedirectError('cancelled')),
  };
}
