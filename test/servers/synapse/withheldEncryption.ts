/**
 * A room's encryption state that reaches a client after the rest of a sync, made
 * deterministic: as when the SDK has applied a sync answer's account data (which is what
 * ends setAccountData, e.g. the m.direct update after creating a DM) but not yet its rooms'
 * state, which a loaded machine makes last long. While installed (it replaces
 * `globalThis.fetch`, which the in-process Matrix adapter uses), the m.room.encryption events
 * are taken out of the sync answers of the client that sends the next createRoom, and handed
 * over in the first answer after {@link WithheldEncryption.release}. The server does
 * everything for real; only when the client learns the state is chosen.
 */
export interface WithheldEncryption {
  /** The created room's id, once createRoom answered. */
  readonly roomId: () => string | undefined;
  /** Hand the encryption state over with the next sync answer (something must wake the sync). */
  release(): void;
  /** Put the real fetch back. */
  restore(): void;
}

type FetchInput = Parameters<typeof fetch>[0];
type FetchInit = Parameters<typeof fetch>[1];

interface SyncedEvent { readonly type?: unknown }
interface EventList { events?: SyncedEvent[] }
interface SyncedRoom {
  state?: EventList;
  timeline?: EventList;
  'org.matrix.msc4222.state_after'?: EventList;
}
interface SyncAnswer { rooms?: { join?: Record<string, SyncedRoom> } }

function urlOf(input: FetchInput): URL {
  return new URL(input instanceof Request ? input.url : String(input));
}

function authorizationOf(init: FetchInit): string | undefined {
  return new Headers(init?.headers).get('authorization') ?? undefined;
}

/** Takes the room's m.room.encryption events out of a sync answer; returns them (each once). */
function withoutEncryption(room: SyncedRoom): SyncedEvent[] {
  const taken: SyncedEvent[] = [];
  for (const list of [room.state, room.timeline, room['org.matrix.msc4222.state_after']]) {
    if (!list?.events) continue;
    // The same event may be listed as state and in the timeline.
    if (taken.length === 0) taken.push(...list.events.filter((event) => event.type === 'm.room.encryption'));
    list.events = list.events.filter((event) => event.type !== 'm.room.encryption');
  }
  return taken;
}

function copyOf(answer: Response, body: string): Response {
  return new Response(body, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
}

export function withholdEncryptionState(): WithheldEncryption {
  const realFetch = globalThis.fetch;
  let creator: string | undefined;
  let roomId: string | undefined;
  let holding = true;
  const stashed = new Map<string, SyncedEvent[]>();

  const create = async (input: FetchInput, init: FetchInit): Promise<Response> => {
    creator = authorizationOf(init);
    const answer = await realFetch(input, init);
    const text = await answer.text();
    if (answer.ok) roomId = (JSON.parse(text) as { room_id: string }).room_id;
    return copyOf(answer, text);
  };

  const sync = async (input: FetchInput, init: FetchInit): Promise<Response> => {
    const answer = await realFetch(input, init);
    // Known once createRoom is sent, which may be while this sync waits for news.
    if (!answer.ok || creator === undefined || authorizationOf(init) !== creator) return answer;
    const body = JSON.parse(await answer.text()) as SyncAnswer;
    const joined = body.rooms?.join ?? {};
    if (holding) {
      for (const [id, room] of Object.entries(joined)) {
        const taken = withoutEncryption(room);
        if (taken.length > 0) stashed.set(id, [...stashed.get(id) ?? [], ...taken]);
      }
    } else if (stashed.size > 0) {
      for (const [id, events] of stashed) {
        const room = joined[id] ?? {};
        room.timeline = { ...room.timeline, events: [...room.timeline?.events ?? [], ...events] };
        joined[id] = room;
      }
      stashed.clear();
      body.rooms = { ...body.rooms, join: joined };
    }
    return copyOf(answer, JSON.stringify(body));
  };

  const withholding: typeof fetch = (input, init) => {
    const url = urlOf(input);
    if (url.pathname.endsWith('/createRoom') && creator === undefined) return create(input, init);
    if (url.pathname.endsWith('/sync')) return sync(input, init);
    return realFetch(input, init);
  };
  globalThis.fetch = withholding;

  return {
    roomId: () => roomId,
    release: () => { holding = false; },
    restore: () => {
      holding = false;
      if (globalThis.fetch === withholding) globalThis.fetch = realFetch;
    },
  };
}
