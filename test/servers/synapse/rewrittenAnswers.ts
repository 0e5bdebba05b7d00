/**
 * Changes what the in-process Matrix adapter hears from a real Synapse: while installed (it
 * replaces `globalThis.fetch`, which matrix-js-sdk uses), each request goes through
 * `rewrite`, which sends it (`send()`) and returns the answer as is or changed, or answers
 * in the server's place without sending it. For what one server cannot be made to do on
 * demand: a federated server's skewed clock, a page of history that fails, one room that errs.
 */
export type Rewrite = (url: URL, send: () => Promise<Response>) => Promise<Response>;

export function rewriteAnswers(rewrite: Rewrite): { restore(): void } {
  const realFetch = globalThis.fetch;
  const rewriting: typeof fetch = (input, init) =>
    rewrite(new URL(input instanceof Request ? input.url : String(input)), () => realFetch(input, init));
  globalThis.fetch = rewriting;
  return {
    restore: () => {
      if (globalThis.fetch === rewriting) globalThis.fetch = realFetch;
    },
  };
}

interface RawEvent { origin_server_ts?: number; content?: { body?: unknown } }

/** `answer` as JSON with `change` applied to every room event in it (a /sync or /messages answer). */
export async function withEvents(answer: Response, change: (event: RawEvent) => void): Promise<Response> {
  if (!answer.ok) return answer;
  const body = await answer.json() as {
    chunk?: RawEvent[];
    rooms?: { join?: Record<string, { timeline?: { events?: RawEvent[] } }> };
  };
  for (const event of body.chunk ?? []) change(event);
  for (const room of Object.values(body.rooms?.join ?? {})) for (const event of room.timeline?.events ?? []) change(event);
  return new Response(JSON.stringify(body), { status: answer.status, statusText: answer.statusText, headers: answer.headers });
}

/** A Matrix error answer (403 M_FORBIDDEN is final; a 5xx is worth retrying). */
export function errorAnswer(status = 403, errcode = 'M_FORBIDDEN'): Promise<Response> {
  return Promise.resolve(new Response(JSON.stringify({ errcode, error: 'answered by the test' }), { status, headers: { 'content-type': 'application/json' } }));
}
