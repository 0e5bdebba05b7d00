/**
 * Changes what the in-process Matrix adapter hears from a real Synapse: while installed (it
 * replaces `globalThis.fetch`, which matrix-js-sdk uses), each answer passes through
 * `rewrite`, which may return it as is, changed, or a refusal. For what one server cannot be
 * made to do on demand: a federated server's skewed clock, a page of history that fails.
 */
export type Rewrite = (url: URL, answer: Response) => Promise<Response> | Response;

export function rewriteAnswers(rewrite: Rewrite): { restore(): void } {
  const realFetch = globalThis.fetch;
  const rewriting: typeof fetch = async (input, init) => {
    const answer = await realFetch(input, init);
    return rewrite(new URL(input instanceof Request ? input.url : String(input)), answer);
  };
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

export function refusal(): Response {
  return new Response(JSON.stringify({ errcode: 'M_FORBIDDEN', error: 'refused by the test' }), { status: 403, headers: { 'content-type': 'application/json' } });
}
