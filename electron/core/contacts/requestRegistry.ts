/**
 * Open requests from the networks (subscriptions, invites, verifications), in memory:
 * they are live state that a network raises again after a reconnect. One open request
 * per (account, kind, sender) so that a contact spamming requests shows up once.
 */
import type { UserRequest } from '../../../protocols/api/index.js';
import type { RequestView } from '../../bridge/schemas.js';

const DEFAULT_CHOICES = [{ id: 'accept', label: 'Accept' }, { id: 'decline', label: 'Decline' }];

export class RequestRegistry {
  private readonly open = new Map<string, RequestView>();

  /** Records a request; returns it, or undefined when an equivalent one is already open. */
  raise(accountId: string, request: UserRequest, now = Date.now()): RequestView | undefined {
    const duplicate = [...this.open.values()].some((r) => r.accountId === accountId
      && (r.id === request.id || (request.fromId !== undefined && r.kind === request.kind && r.fromId === request.fromId)));
    if (duplicate) return undefined;
    const view: RequestView = {
      accountId,
      id: request.id,
      kind: request.kind,
      title: request.title,
      ...(request.detail !== undefined ? { detail: request.detail } : {}),
      ...(request.fromId !== undefined ? { fromId: request.fromId } : {}),
      choices: request.choices && request.choices.length > 0 ? request.choices.map((c) => ({ id: c.id, label: c.label })) : DEFAULT_CHOICES,
      raisedAt: now,
    };
    this.open.set(key(accountId, request.id), view);
    return view;
  }

  get(accountId: string, requestId: string): RequestView | undefined {
    return this.open.get(key(accountId, requestId));
  }

  /** The accounts on which a request with this id is open. */
  accountsWith(requestId: string): string[] {
    return [...this.open.values()].filter((r) => r.id === requestId).map((r) => r.accountId);
  }

  /** Returns true when the request was open. */
  close(accountId: string, requestId: string): boolean {
    return this.open.delete(key(accountId, requestId));
  }

  /** Forgets an account's requests (it went offline or was removed); returns their ids. */
  closeAll(accountId: string): string[] {
    const ids = [...this.open.values()].filter((r) => r.accountId === accountId).map((r) => r.id);
    for (const id of ids) this.open.delete(key(accountId, id));
    return ids;
  }

  list(): RequestView[] {
    return [...this.open.values()].sort((a, b) => a.raisedAt - b.raisedAt);
  }
}

function key(accountId: string, requestId: string): string {
  return `${accountId}\u0000${requestId}`;
}
