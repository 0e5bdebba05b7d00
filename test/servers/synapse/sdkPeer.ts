/**
 * The other person in end-to-end tests: a matrix-js-sdk client driven directly by the test
 * (not our adapter), with the Rust crypto in memory. It joins every room it is invited to,
 * keeps the text of every message it receives (decrypted), and can send.
 */
import { Tracing } from '@matrix-org/matrix-sdk-crypto-wasm';
import type { CryptoCallbacks } from 'matrix-js-sdk/lib/crypto-api/index.js';
import { ClientEvent, createClient, EventType, MsgType, RoomEvent, type MatrixClient, type MatrixEvent } from 'matrix-js-sdk';
import { quietLogger, silenceSdkLogger } from '../../../protocols/matrix/sdkLogger.js';
import type { RegisteredUser } from '../synapse.js';

export interface SdkPeer {
  readonly userId: string;
  readonly client: MatrixClient;
  /** Bodies of the messages received so far, with their room (and their HTML, when they have some). */
  readonly received: PeerMessage[];
  waitForMessage(match: RegExp, timeoutMs?: number): Promise<PeerMessage>;
  sendText(roomId: string, body: string): Promise<void>;
  /** Sends `body` with `html` as its `formatted_body` (org.matrix.custom.html). */
  sendHtml(roomId: string, body: string, html: string): Promise<void>;
  stop(): void;
}

export interface PeerMessage {
  readonly roomId: string;
  readonly body: string;
  readonly encrypted: boolean;
  /** `formatted_body` when the content's `format` is org.matrix.custom.html. */
  readonly formattedBody?: string;
  readonly eventId?: string;
  /** The thread's root, for a message with an `m.thread` relation (§Threading). */
  readonly threadRootId?: string;
}

/**
 * `fetchFn`: what the client's HTTP goes through (a test may delay some requests, see
 * heldToDevice.ts); `cryptoCallbacks`: e.g. the user's secret storage key, for a peer that
 * changes the user's cross-signing identity.
 */
export async function startSdkPeer(baseUrl: string, user: RegisteredUser,
  options: { fetchFn?: typeof fetch; cryptoCallbacks?: CryptoCallbacks } = {}): Promise<SdkPeer> {
  silenceSdkLogger();
  Tracing.prototype.turnOn = function turnOn(this: Tracing): void {
    this.turnOff();
  };
  const client = createClient({
    baseUrl, userId: user.userId, deviceId: user.deviceId, accessToken: user.accessToken, logger: quietLogger,
    ...(options.fetchFn ? { fetchFn: options.fetchFn } : {}),
    ...(options.cryptoCallbacks ? { cryptoCallbacks: options.cryptoCallbacks } : {}),
  });
  await client.initRustCrypto({ useIndexedDB: false });
  const received: SdkPeer['received'] = [];
  const listeners = new Set<() => void>();
  const record = async (event: MatrixEvent): Promise<void> => {
    await client.decryptEventIfNeeded(event);
    if (event.getType() !== 'm.room.message' || event.getSender() === user.userId) return;
    const body: unknown = event.getContent()['body'];
    const roomId = event.getRoomId();
    if (typeof body !== 'string' || roomId === undefined) return;
    const content = event.getContent();
    const html: unknown = content['format'] === 'org.matrix.custom.html' ? content['formatted_body'] : undefined;
    const relation = event.getRelation();
    const eventId = event.getId();
    received.push({
      roomId, body, encrypted: event.isEncrypted(), ...(typeof html === 'string' ? { formattedBody: html } : {}),
      ...(eventId !== undefined ? { eventId } : {}),
      ...(relation?.rel_type === 'm.thread' && relation.event_id !== undefined ? { threadRootId: relation.event_id } : {}),
    });
    for (const listener of listeners) listener();
  };
  client.on(RoomEvent.Timeline, (event) => void record(event));
  client.on(RoomEvent.MyMembership, (room, membership) => {
    if (membership === 'invite') void client.joinRoom(room.roomId);
  });
  const prepared = new Promise<void>((resolve) => {
    const onSync = (state: string): void => {
      if (state !== 'PREPARED') return;
      client.off(ClientEvent.Sync, onSync);
      resolve();
    };
    client.on(ClientEvent.Sync, onSync);
  });
  await client.startClient({ initialSyncLimit: 20 });
  await prepared;

  return {
    userId: user.userId,
    client,
    received,
    waitForMessage: (match, timeoutMs = 20_000) => new Promise((resolve, reject) => {
      const check = (): void => {
        const found = received.find((message) => match.test(message.body));
        if (!found) return;
        clearTimeout(timer);
        listeners.delete(check);
        resolve(found);
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`${user.userId} received no message matching ${String(match)}; got: ${received.map((m) => m.body).join(' | ')}`));
      }, timeoutMs);
      listeners.add(check);
      check();
    }),
    sendText: async (roomId, body) => {
      await client.sendEvent(roomId, EventType.RoomMessage, { msgtype: MsgType.Text, body });
    },
    sendHtml: async (roomId, body, html) => {
      await client.sendEvent(roomId, EventType.RoomMessage, { msgtype: MsgType.Text, body, format: 'org.matrix.custom.html', formatted_body: html });
    },
    stop: () => client.stopClient(),
  };
}
