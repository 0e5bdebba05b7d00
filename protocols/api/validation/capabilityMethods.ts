/**
 * A capability is a promise that the matching connection methods exist (connection.ts: "a
 * plugin implements those its Capabilities declare, and the core never calls one that is
 * missing"). This checks that promise on a created connection.
 */
import type { ConnectionMethod } from '../calls.js';
import type { Capabilities } from '../manifest.js';

/** The methods each capability needs; capabilities not listed here need no method of their own. */
const METHODS_OF: { readonly [K in keyof Capabilities]?: readonly ConnectionMethod[] } = {
  rooms: ['joinRoom', 'leaveRoom'],
  typing: ['sendTyping'],
  topics: ['setTopic'],
  history: ['fetchHistory'],
  edits: ['editMessage'],
  deletes: ['deleteMessage'],
  reactions: ['react'],
  receipts: ['markRead'],
  presence: ['setPresence'],
  // updateContact may be missing where the network cannot rename or regroup (IRC's MONITOR list).
  contactManagement: ['addContact', 'removeContact'],
  roomDirectory: ['listRooms'],
  fileUpload: ['uploadFile'],
  fileDownload: ['downloadAttachment'],
  invites: ['inviteToRoom'],
  kicks: ['kickMember'],
  memberRoles: ['setMemberRole'],
  destroyRooms: ['destroyRoom'],
  roomSettings: ['roomSettings', 'setRoomSettings'],
  affiliationLists: ['roomAffiliations', 'setRoomAffiliation'],
  roomNicks: ['setRoomNick'],
  ownProfile: ['setProfile'],
  ownProfileRead: ['getProfile'],
  coreRejoinsRooms: ['savedRooms'],
};

/** One line per declared capability whose method the connection lacks; empty when all agree. */
export function capabilityProblems(capabilities: Capabilities, connection: object): string[] {
  const problems: string[] = [];
  for (const [capability, methods] of Object.entries(METHODS_OF)) {
    if (Reflect.get(capabilities, capability) !== true) continue;
    for (const method of methods) {
      if (typeof Reflect.get(connection, method) !== 'function') problems.push(`declares ${capability} but has no ${method}()`);
    }
  }
  return problems;
}
