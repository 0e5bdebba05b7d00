/**
 * What each account should do for the user's status: one rule, pure. The global status
 * applies to every account unless the account has one of its own; auto-away turns only an
 * Available global status into Away, since a status set by hand (Busy, Invisible, Offline,
 * Away, or an account's own status) is never overridden.
 */
import type { OwnPresence } from '../../../protocols/api/index.js';
import type { StatusChoice } from '../../bridge/userStatus.js';

export interface AutoAwayState {
  /** The user is idle past the auto-away time. */
  readonly idle: boolean;
  /** The autoAwayMessage preference (blank: none). */
  readonly message: string;
}

/** The status an account follows: its own, else the global one (Away while idle, if it is Available). */
export function chosenStatus(global: StatusChoice, own: StatusChoice | undefined, autoAway: AutoAwayState): StatusChoice {
  if (own) return own;
  if (autoAway.idle && autoAwayApplies(global)) return withMessage('away', autoAway.message);
  return global;
}

/** Auto-away replaces only the global Available (Pidgin does the same with its idle-away). */
export function autoAwayApplies(global: StatusChoice): boolean {
  return global.status === 'available';
}

/** What a network can show of the user's status (its plugin's capabilities). */
export interface NetworkAbilities {
  /** The network's name, for notes ("IRC"). */
  readonly name: string;
  readonly presence: boolean;
  readonly invisible: boolean;
}

export interface AccountStatusPlan {
  /** Offline: the account is disconnected and stays so. */
  readonly connected: boolean;
  /** The presence to set once connected (none where the network has no presence to set). */
  readonly presence?: OwnPresence;
  /** What the user should know when the network cannot show what they chose. */
  readonly note?: string;
}

export function planFor(choice: StatusChoice, network: NetworkAbilities): AccountStatusPlan {
  if (choice.status === 'offline') return { connected: false };
  if (!network.presence) {
    return choice.status === 'available' ? { connected: true } : { connected: true, note: `${network.name} has no status to set: connected and shown as there.` };
  }
  if (choice.status === 'invisible' && !network.invisible) {
    // Pidgin does the same with a status the protocol lacks: the closest it has, Available.
    return {
      connected: true, presence: withMessage('available', undefined),
      note: `${network.name} cannot hide a connected user: you are visible as available there. Set ${network.name} accounts Offline to leave.`,
    };
  }
  return { connected: true, presence: withMessage(choice.status, choice.message) };
}

/** A status with a message only when it is not blank (exactOptionalPropertyTypes). */
export function withMessage<S extends StatusChoice['status']>(status: S, message: string | undefined): { status: S; message?: string } {
  const text = message?.trim() ?? '';
  return text === '' ? { status } : { status, message: text };
}

/** Equal statuses (a blank message is no message). */
export function sameStatus(a: StatusChoice, b: StatusChoice): boolean {
  return a.status === b.status && (a.message?.trim() ?? '') === (b.message?.trim() ?? '');
}
