/**
 * Reactions (spec §Event annotations and reactions: `m.reaction` with an `m.annotation`
 * relation; removing one is redacting it). The core wants each sender's whole set per
 * message (events.ts, ReactionsChangedEvent), so we keep the annotations we have seen.
 */
import { ProtocolError } from '../api/index.js';
import { EventType, RelationType } from 'matrix-js-sdk';
import { toProtocolError } from './errors.js';
import type { AccountState } from './state.js';

interface Annotation {
  readonly target: string;
  readonly sender: string;
  readonly key: string;
}

/**
 * Annotations remembered, oldest forgotten first: a busy room reacts without end. A reaction
 * forgotten and then redacted is reported as a deleted message (which the core does not have
 * by that id); one of our own forgotten is sent again if the user picks it again.
 */
const MAX_ANNOTATIONS = 20_000;

export class ReactionTracker {
  /** target event → sender → reaction event id → key */
  private readonly byTarget = new Map<string, Map<string, Map<string, string>>>();
  /** In the order seen, for forgetting the oldest. */
  private readonly byReaction = new Map<string, Annotation>();

  constructor(private readonly max = MAX_ANNOTATIONS) {}

  /** Record an annotation; returns the sender's set for the target, or undefined if it was known. */
  add(reactionId: string, annotation: Annotation): string[] | undefined {
    if (this.byReaction.has(reactionId)) return undefined;
    this.byReaction.set(reactionId, annotation);
    if (this.byReaction.size > this.max) {
      const oldest = this.byReaction.keys().next();
      if (!oldest.done) this.remove(oldest.value);
    }
    const senders = this.byTarget.get(annotation.target) ?? new Map<string, Map<string, string>>();
    this.byTarget.set(annotation.target, senders);
    const mine = senders.get(annotation.sender) ?? new Map<string, string>();
    senders.set(annotation.sender, mine);
    mine.set(reactionId, annotation.key);
    return this.setOf(annotation.target, annotation.sender);
  }

  /** Forget a redacted annotation; returns whose set changed, or undefined if it was no annotation. */
  remove(reactionId: string): (Annotation & { reactions: string[] }) | undefined {
    const annotation = this.byReaction.get(reactionId);
    if (!annotation) return undefined;
    this.byReaction.delete(reactionId);
    const senders = this.byTarget.get(annotation.target);
    const mine = senders?.get(annotation.sender);
    mine?.delete(reactionId);
    if (mine?.size === 0) senders?.delete(annotation.sender);
    if (senders?.size === 0) this.byTarget.delete(annotation.target);
    return { ...annotation, reactions: this.setOf(annotation.target, annotation.sender) };
  }

  has(reactionId: string): boolean {
    return this.byReaction.has(reactionId);
  }

  /** How many annotations are remembered. */
  get size(): number {
    return this.byReaction.size;
  }

  /** The distinct keys of one sender on one target, in the order first given. */
  setOf(target: string, sender: string): string[] {
    return [...new Set(this.byTarget.get(target)?.get(sender)?.values() ?? [])];
  }

  /** One sender's annotation events on a target: reaction event id → key. */
  eventsOf(target: string, sender: string): ReadonlyMap<string, string> {
    return this.byTarget.get(target)?.get(sender) ?? new Map<string, string>();
  }
}

/** Make the user's reactions to a message exactly `wanted`: send what is new, redact what is gone. */
export async function react(state: AccountState, tracker: ReactionTracker, conversationId: string, target: string, wanted: readonly string[]): Promise<void> {
  const room = state.directory.roomFor(conversationId);
  if (!room) throw new ProtocolError('protocol', `You are not in ${conversationId}.`);
  const current = tracker.eventsOf(target, state.selfId);
  const have = new Set(current.values());
  try {
    for (const [reactionId, key] of [...current]) {
      if (!wanted.includes(key)) {
        await state.client.redactEvent(room.roomId, reactionId);
        tracker.remove(reactionId);
      }
    }
    for (const key of new Set(wanted)) {
      if (have.has(key)) continue;
      const { event_id: reactionId } = await state.client.sendEvent(room.roomId, EventType.Reaction, {
        'm.relates_to': { rel_type: RelationType.Annotation, event_id: target, key },
      });
      tracker.add(reactionId, { target, sender: state.selfId, key });
    }
  } catch (error: unknown) {
    throw toProtocolError(error, 'react to the message');
  }
}
