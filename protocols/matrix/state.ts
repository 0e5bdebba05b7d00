/** What the parts of one account's connection share while it is connected. */
import type { ConnectionContext, ProtocolEvent, UserRequest } from '../api/index.js';
import type { MatrixClient } from 'matrix-js-sdk';
import type { Directory } from './directory.js';
import type { Session } from './login.js';
import type { MatrixSettings } from './settings.js';

/** An open request.raised and what answering it does. */
export interface OpenRequest {
  readonly request: UserRequest;
  readonly answer: (choiceId: string) => Promise<void>;
}

export interface AccountState {
  readonly context: ConnectionContext;
  readonly settings: MatrixSettings;
  readonly session: Session;
  readonly client: MatrixClient;
  readonly selfId: string;
  readonly directory: Directory;
  /** Conversation ids already announced with conversation.upserted, with what was announced (JSON). */
  readonly announced: Map<string, string>;
  /**
   * Rooms we created encrypted (initial_state m.room.encryption), known to be so before sync
   * brings that state: a sync can land while the server is still creating the room.
   */
  readonly createdEncrypted: Set<string>;
  /** Requests the user has not answered yet, by request id. */
  readonly requests: Map<string, OpenRequest>;
  /** Emit unless the connection was stopped. */
  readonly emit: (event: ProtocolEvent) => void;
  /** True once disconnect() began. */
  readonly isStopped: () => boolean;
  /** Run `work`, logging instead of throwing: one bad event must never kill the account. */
  readonly guard: (what: string, work: () => Promise<void> | void) => Promise<void>;
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}
