/**
 * A connection driven the way the core drives it, recording every event it emits (each
 * checked with the SDK's validators, as the core checks it), with waits that time out with
 * a readable account of what did arrive.
 */
import { PLUGIN_API_VERSION } from '../version.js';
import type {
  ConnectionState, IncomingMessage, Member, MembersChangedEvent, ProtocolConnection, ProtocolEvent, ProtocolPlugin,
} from '../index.js';
import { checkProtocolEvent } from '../validation/index.js';
import type { AccountSettings } from './harness.js';
import { createMemoryPersistence, type AccountPersistence } from './memoryStorage.js';

let accountCounter = 0;

export class TestAccount {
  readonly events: ProtocolEvent[] = [];
  readonly warnings: string[] = [];
  /** Events the core would refuse (validation/eventSchemas.ts), each with what is wrong. */
  readonly invalidEvents: string[] = [];
  readonly connection: ProtocolConnection;
  private readonly listeners = new Set<() => void>();
  /** Member lists per conversation, built from members.changed the way the core applies them. */
  readonly members = new Map<string, Map<string, Member>>();

  constructor(plugin: ProtocolPlugin, settings: AccountSettings, private readonly timeoutMs: number,
    readonly persistence: AccountPersistence = createMemoryPersistence()) {
    accountCounter++;
    this.connection = plugin.createConnection({
      accountId: `conformance-${accountCounter}`,
      settings,
      emit: (event) => {
        const check = checkProtocolEvent(event);
        if (check.ok === false) this.invalidEvents.push(check.problem);
        else if (check.ok === 'unknown-type') this.invalidEvents.push(`${check.type}: not an event type of plugin API ${PLUGIN_API_VERSION}`);
        this.events.push(event);
        if (event.type === 'members.changed') this.applyMembers(event);
        for (const listener of [...this.listeners]) listener();
      },
      log: {
        debug: () => undefined,
        info: () => undefined,
        warn: (message) => this.warnings.push(message),
        error: (message) => this.warnings.push(message),
      },
      storage: persistence.storage,
      secrets: persistence.secrets,
      dataDir: persistence.dataDir,
    });
  }

  private applyMembers(event: MembersChangedEvent): void {
    const list = event.reset ? new Map<string, Member>() : (this.members.get(event.conversationId) ?? new Map<string, Member>());
    for (const { from, to } of event.renamed ?? []) {
      const member = list.get(from);
      list.delete(from);
      if (member) list.set(to, { ...member, id: to });
    }
    for (const member of event.added ?? []) list.set(member.id, member);
    for (const id of event.removed ?? []) list.delete(id);
    this.members.set(event.conversationId, list);
  }

  /** Connection states in the order they were reported. */
  get states(): ConnectionState[] {
    return this.events.flatMap((event) => (event.type === 'connection.state' ? [event.state] : []));
  }

  /** The selfId reported with `online`. */
  get selfId(): string | undefined {
    for (const event of this.events) {
      if (event.type === 'connection.state' && event.state === 'online' && event.selfId) return event.selfId;
    }
    return undefined;
  }

  memberIds(conversationId: string): string[] {
    return [...(this.members.get(conversationId)?.keys() ?? [])].sort();
  }

  received(): IncomingMessage[] {
    return this.events.flatMap((event) => (event.type === 'message.received' ? [event.message] : []));
  }

  /** Wait until `find` returns a value for some recorded state (checked now and after each event). */
  waitFor<T>(description: string, find: () => T | undefined): Promise<T> {
    const now = find();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const listener = (): void => {
        const value = find();
        if (value === undefined) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(value);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        const seen = this.events.slice(-12).map((event) => JSON.stringify(event)).join('\n  ');
        reject(new Error(`Timed out after ${this.timeoutMs} ms waiting for ${description}. Last events:\n  ${seen}`));
      }, this.timeoutMs);
      this.listeners.add(listener);
    });
  }

  /**
   * The messages as a user sees them now: each `message.received`, replaced by its
   * `message.decrypted` when its key came later (Matrix: a room key may arrive after the
   * message it opens, more often on a loaded homeserver).
   */
  shown(): IncomingMessage[] {
    const messages: IncomingMessage[] = [];
    const at = new Map<string, number>();
    for (const event of this.events) {
      if (event.type === 'message.received') {
        if (event.message.networkId !== undefined) at.set(event.message.networkId, messages.length);
        messages.push(event.message);
      } else if (event.type === 'message.decrypted') {
        const index = at.get(event.message.networkId);
        if (index === undefined) messages.push(event.message);
        else messages[index] = event.message;
      }
    }
    return messages;
  }

  /** Waits for a message as shown (see {@link shown}). */
  waitForMessage(description: string, match: (message: IncomingMessage) => boolean): Promise<IncomingMessage> {
    return this.waitFor(description, () => this.shown().find(match));
  }

  waitForEvent<K extends ProtocolEvent['type']>(
    type: K, match: (event: Extract<ProtocolEvent, { type: K }>) => boolean,
  ): Promise<Extract<ProtocolEvent, { type: K }>> {
    return this.waitFor(`a ${type} event`, () =>
      this.events.find((event): event is Extract<ProtocolEvent, { type: K }> => event.type === type && match(event as Extract<ProtocolEvent, { type: K }>)));
  }
}
