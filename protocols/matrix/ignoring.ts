/**
 * Ignoring users (spec §Ignoring Users): the `m.ignored_user_list` account data lists whom
 * the user ignores; the homeserver then sends nothing of theirs (messages, invites) to any
 * of the user's devices. An ignored user is shown as a blocked contact, where the user can
 * see whom they ignore and stop ignoring them.
 */
import { ProtocolError } from '../api/index.js';
import type { MatrixEvent } from 'matrix-js-sdk';
import { toProtocolError } from './errors.js';
import { presenceOfUser } from './presence.js';
import type { AccountState } from './state.js';

export const IGNORED_USER_LIST = 'm.ignored_user_list';

/** A user id (§Identifier Grammar: `@localpart:server`). */
const USER_ID = /^@[^:\s]+:\S+$/;

/** Ignores or stops ignoring a user: the whole list is written back (§Ignoring Users: PUT account data). */
export async function setIgnored(state: AccountState, userId: string, ignored: boolean): Promise<void> {
  if (!USER_ID.test(userId)) throw new ProtocolError('protocol', `"${userId}" is not a Matrix user ID.`);
  if (userId === state.selfId) throw new ProtocolError('protocol', 'You cannot ignore yourself.');
  const current = state.client.getIgnoredUsers();
  if (current.includes(userId) === ignored) return;
  const next = ignored ? [...current, userId] : current.filter((id) => id !== userId);
  try {
    await state.client.setIgnoredUsers(next);
  } catch (error: unknown) {
    throw toProtocolError(error, ignored ? 'ignore the user' : 'stop ignoring the user');
  }
}

/** The ignored users as sync brought them; `previous` those reported before, for who changed. */
export function onIgnoredList(state: AccountState, event: MatrixEvent, previous: ReadonlySet<string>): Set<string> {
  const users: unknown = event.getContent()['ignored_users'];
  const now = new Set(typeof users === 'object' && users !== null && !Array.isArray(users) ? Object.keys(users).filter((id) => USER_ID.test(id)) : []);
  for (const userId of new Set([...now, ...previous])) {
    const blocked = now.has(userId);
    if (blocked === previous.has(userId)) continue;
    state.emit({
      type: 'contact.upserted',
      contact: { id: userId, displayName: state.client.getUser(userId)?.displayName ?? userId, presence: presenceOfUser(state, userId), groups: ['Matrix'], blocked },
    });
  }
  return now;
}
