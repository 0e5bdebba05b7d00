/** The bridge requests of the user's status and auto-away, mapped to the StatusService. */
import type { RequestHandlers } from '../../bridge/contract.js';
import type { PresenceView } from '../../bridge/schemas.js';
import type { UserStatus } from '../../bridge/userStatus.js';
import type { StatusService } from './statusService.js';

export interface StatusHandlerDeps {
  readonly status: StatusService;
  /** A page saw input (headless mode's idle time). */
  readonly pageActivity: () => void;
}

type StatusRequest = 'status.get' | 'status.set' | 'status.setAccount' | 'status.save' | 'status.forget' | 'activity.report';

export function statusRequestHandlers({ status, pageActivity }: StatusHandlerDeps): Pick<RequestHandlers, StatusRequest> {
  return {
    'status.get': () => Promise.resolve(status.view()),
    'status.set': ({ savedName, ...choice }) => Promise.resolve(status.set(choice, savedName)),
    'status.setAccount': ({ accountId, status: choice }) => Promise.resolve(status.setAccount(accountId, choice)),
    'status.save': ({ name, ...choice }) => Promise.resolve(status.save(name, choice)),
    'status.forget': ({ name }) => Promise.resolve(status.forget(name)),
    'activity.report': () => {
      pageActivity();
      return Promise.resolve(null);
    },
  };
}

/** The older per-account presence request (`accounts.setPresence`): the account's own status. */
export function userStatusOf(presence: PresenceView['status']): UserStatus {
  switch (presence) {
    case 'away': case 'extended-away': return 'away';
    case 'busy': return 'busy';
    case 'offline': return 'offline';
    default: return 'available';
  }
}
