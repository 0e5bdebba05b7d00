/**
 * English texts of a room's affiliation lists ("Members and bans…": members, banned, admins
 * and owners by address), part of en.ts, in a module of their own so that branches adding to
 * en.ts do not collide.
 */
export const enRoomListsTexts = {
  roomLists: {
    open: 'Members and bans…',
    title: 'Members and bans',
    intro: 'Who may enter {{room}}, who may not, and who runs it, by address: whether they are in the room now or not.',
    which: 'List',
    member: 'Members',
    outcast: 'Banned',
    admin: 'Admins',
    owner: 'Owners',
    loading: 'Loading the list…',
    empty: 'No one is on this list.',
    reasonShown: 'Reason: {{reason}}',
    removeNamed: 'Remove {{address}} from the list',
    remove: 'Remove',
    address: 'Address to add',
    addressHelp: 'An address such as name@example.org; a server\'s name (example.org) stands for everyone on it.',
    reason: 'Reason (optional)',
    addMember: 'Add member',
    addOutcast: 'Ban',
    addAdmin: 'Add admin',
    addOwner: 'Add owner',
    noAddress: 'Type the address to add.',
    badAddress: '"{{address}}" is not an address: write it as name@example.org.',
    added: '{{address}} was added.',
    removed: '{{address}} was removed.',
  },
} as const;
