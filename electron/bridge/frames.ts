/**
 * The wire frames both transports carry. A request frame names a verb of the contract;
 * a reply frame answers one request by id with a result envelope; an events frame carries
 * a batch of events in the order they happened.
 */
import { z } from 'zod';
import { bridgeErrorSchema } from './schemas.js';
import type { BridgeEvent, RequestName } from './contract.js';
import type { BridgeError } from './schemas.js';

export const requestFrameSchema = z.object({
  type: z.literal('request'),
  id: z.number().int().nonnegative(),
  method: z.string(),
  params: z.unknown(),
});

export const replyFrameSchema = z.discriminatedUnion('ok', [
  z.object({ type: z.literal('reply'), id: z.number().int(), ok: z.literal(true), value: z.unknown() }),
  z.object({ type: z.literal('reply'), id: z.number().int(), ok: z.literal(false), error: bridgeErrorSchema }),
]);

export const eventsFrameSchema = z.object({
  type: z.literal('events'),
  events: z.array(z.object({ type: z.string(), payload: z.unknown() })),
});

export const serverFrameSchema = z.union([replyFrameSchema, eventsFrameSchema]);

export interface RequestFrame<N extends RequestName = RequestName> {
  readonly type: 'request';
  readonly id: number;
  readonly method: N;
  readonly params: unknown;
}

export type ReplyFrame =
  | { readonly type: 'reply'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly type: 'reply'; readonly id: number; readonly ok: false; readonly error: BridgeError };

export interface EventsFrame {
  readonly type: 'events';
  readonly events: readonly BridgeEvent[];
}

export type ServerFrame = ReplyFrame | EventsFrame;
