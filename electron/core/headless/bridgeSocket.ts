/**
 * One bridge session over one WebSocket, with the limits that keep a slow or hostile
 * client from costing more than its share: a bounded send backlog (a client that does not
 * read is closed with CLOSE_CODES.sendBacklogFull instead of growing the server), a cap
 * on requests in flight, and a ping that drops peers which stopped answering.
 */
import type { WebSocket } from 'ws';
import { requestFrameSchema, type ServerFrame } from '../../bridge/frames.js';
import type { BridgeEndpoint } from '../bridge/bridgeSession.js';
import { CLOSE_CODES, CLOSE_REASONS, type HeadlessLimits } from './sessionLimits.js';

/** A WebSocket frame's header is at most 14 bytes (RFC 6455 §5.2). */
const FRAME_OVERHEAD = 14;

export interface BridgeSocketHooks {
  /** The send backlog just after a frame was queued (for the server's statistics). */
  noteBacklog(bytes: number): void;
  /** The socket is gone. */
  ended(): void;
}

export function attachBridgeSocket(bridge: BridgeEndpoint, ws: WebSocket, limits: HeadlessLimits, hooks: BridgeSocketHooks): void {
  let closing = false;
  let alive = true;
  let inFlight = 0;
  /** Requests the core has not answered yet, by id (a client may reuse an id). */
  const pending = new Map<number, number>();
  let graceTimer: NodeJS.Timeout | undefined;

  const write = (frame: ServerFrame): void => {
    if (closing || ws.readyState !== ws.OPEN) return;
    const text = JSON.stringify(frame);
    const backlog = ws.bufferedAmount;
    // One frame always fits an empty backlog, so a large batch can still reach a reading client.
    if (backlog > 0 && backlog + Buffer.byteLength(text) + FRAME_OVERHEAD > limits.maxBacklogBytes) {
      closeForBacklog();
      return;
    }
    ws.send(text);
    hooks.noteBacklog(ws.bufferedAmount);
  };

  const settle = (id: number): void => {
    const count = pending.get(id);
    if (count === undefined) return;
    if (count > 1) pending.set(id, count - 1);
    else pending.delete(id);
    inFlight--;
  };

  const session = bridge.openSession((frame) => {
    if (frame.type === 'reply') settle(frame.id);
    write(frame);
  });

  const endSession = (): void => {
    if (closing) return;
    closing = true;
    session.close();
  };

  function closeForBacklog(): void {
    endSession();
    // Stop reading too: nothing it sends now would be answered.
    ws.pause();
    ws.close(CLOSE_CODES.sendBacklogFull, CLOSE_REASONS.sendBacklogFull);
    // The close frame waits behind the backlog; a peer that never reads never sees it.
    graceTimer = setTimeout(() => ws.terminate(), limits.closeGraceMs);
  }

  ws.on('message', (data, isBinary) => {
    alive = true;
    if (closing || isBinary) return;
    let frame: unknown;
    try {
      const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
      frame = JSON.parse(bytes.toString('utf8'));
    } catch {
      return; // not JSON: nothing we could answer
    }
    const request = requestFrameSchema.safeParse(frame);
    if (request.success) {
      const { id } = request.data;
      if (inFlight >= limits.maxInFlight) {
        write({ type: 'reply', id, ok: false, error: { kind: 'rate-limited', message: `Too many requests at once: ${limits.maxInFlight} are still being answered. Wait for their answers.` } });
        return;
      }
      inFlight++;
      pending.set(id, (pending.get(id) ?? 0) + 1);
    }
    session.receive(frame);
  });

  ws.on('pong', () => { alive = true; });
  const pinger = setInterval(() => {
    if (!alive) {
      ws.terminate();
      return;
    }
    alive = false;
    ws.ping();
  }, limits.pingIntervalMs);

  const finish = (): void => {
    clearInterval(pinger);
    clearTimeout(graceTimer);
    endSession();
  };
  ws.on('close', () => {
    finish();
    hooks.ended();
  });
  ws.on('error', finish);
}
