/** IDBRequest, the events it fires, and DOMStringList (W3C Indexed Database API 3.0, §4.1, §4.2). */

type Handler = ((event: IdbEvent) => void) | null;

export interface IdbEvent {
  readonly type: string;
  readonly target: unknown;
  readonly currentTarget: unknown;
  readonly oldVersion?: number;
  readonly newVersion?: number | null;
  defaultPrevented: boolean;
  preventDefault(): void;
  stopPropagation(): void;
}

export function makeEvent(type: string, target: unknown, extra: { oldVersion?: number; newVersion?: number | null } = {}): IdbEvent {
  const event: IdbEvent = {
    type, target, currentTarget: target, ...extra,
    defaultPrevented: false,
    preventDefault: () => {
      event.defaultPrevented = true;
    },
    stopPropagation: () => undefined,
  };
  return event;
}

/** Call an on… handler; an exception in it is reported, as a browser would, without breaking the store. */
export function fire(handler: Handler, event: IdbEvent): void {
  if (!handler) return;
  try {
    handler(event);
  } catch (error: unknown) {
    queueMicrotask(() => {
      throw error;
    });
  }
}

export class IdbRequest {
  result: unknown = undefined;
  error: DOMException | null = null;
  readyState: 'pending' | 'done' = 'pending';
  onsuccess: Handler = null;
  onerror: Handler = null;

  constructor(public source: unknown, public transaction: unknown) {}

  succeed(result: unknown): void {
    this.result = result;
    this.error = null;
    this.readyState = 'done';
    fire(this.onsuccess, makeEvent('success', this));
  }

  /** Fire `error`; returns whether a handler called preventDefault (the transaction then lives on). */
  fail(error: DOMException): boolean {
    this.result = undefined;
    this.error = error;
    this.readyState = 'done';
    const event = makeEvent('error', this);
    fire(this.onerror, event);
    return event.defaultPrevented;
  }

  addEventListener(type: string, listener: (event: IdbEvent) => void): void {
    if (type === 'success') this.onsuccess = listener;
    else if (type === 'error') this.onerror = listener;
  }
}

export class IdbOpenRequest extends IdbRequest {
  onupgradeneeded: Handler = null;
  onblocked: Handler = null;

  constructor() {
    super(null, null);
  }
}

/** §4.? DOMStringList: a sorted list of names with `contains` and `item`. */
export class DomStringList extends Array<string> {
  static fromNames(names: Iterable<string>): DomStringList {
    const list = new DomStringList();
    list.push(...[...names].sort());
    return list;
  }

  contains(name: string): boolean {
    return this.includes(name);
  }

  item(index: number): string | null {
    return this[index] ?? null;
  }
}

export function domError(name: string, message: string): DOMException {
  return new DOMException(message, name);
}
