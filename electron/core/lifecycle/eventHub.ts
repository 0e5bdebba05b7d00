/**
 * The core's typed event hub: services tell each other what happened (an account came
 * online, a plugin reported events) without holding each other. Each event type has its
 * own listeners, so an event wakes only those who asked for it (not one global bus that
 * wakes every listener: element-web issue 17055). Listeners run synchronously, in the
 * order they subscribed, and an error thrown by one reaches the emitter: inside an ingest
 * transaction a failed write must fail the whole batch (protocolEventIngest.ts).
 */
import { toDisposable, type Disposable } from './disposable.js';

export type EventMap = object;
export type Listener<P> = (payload: P) => void;

export class EventHub<Events extends EventMap> {
  private readonly listeners = new Map<keyof Events, Set<Listener<never>>>();

  /** Calls `listener` for every `type` event until the returned Disposable is disposed. */
  on<K extends keyof Events>(type: K, listener: Listener<Events[K]>): Disposable {
    let set = this.listeners.get(type);
    if (!set) {
      set = new Set();
      this.listeners.set(type, set);
    }
    // A wrapper per subscription, so that one function subscribed twice is two subscriptions.
    const entry: Listener<Events[K]> = (payload) => listener(payload);
    set.add(entry);
    return toDisposable(() => {
      set.delete(entry);
      if (set.size === 0 && this.listeners.get(type) === set) this.listeners.delete(type);
    });
  }

  emit<K extends keyof Events>(type: K, payload: Events[K]): void {
    const set = this.listeners.get(type);
    if (!set) return;
    for (const listener of [...set]) (listener as Listener<Events[K]>)(payload);
  }

  /** How many listeners `type` has (tests: nothing is left subscribed after a stop). */
  listenerCount(type?: keyof Events): number {
    if (type !== undefined) return this.listeners.get(type)?.size ?? 0;
    let count = 0;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }
}
