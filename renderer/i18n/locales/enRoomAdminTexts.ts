/**
 * English texts of room administration (members' roles and affiliations, destroying a room),
 * part of en.ts, in a module of their own so that branches adding to en.ts do not collide.
 */
export const enRoomAdminTexts = {
  roomAdmin: {
    roles: 'Roles…',
    rolesNamed: 'Change the role of {{name}}',
    roleTitle: 'Change role',
    roleQuestion: 'What should change for {{name}} in {{room}}?',
    gone: '{{name}} is no longer in the room.',
    nothingAllowed: 'Your role in the room allows no change for {{name}} now.',
    change: 'Change',
    apply: 'Apply',
    grantVoice: 'Give voice (may speak in a moderated room)',
    revokeVoice: 'Take voice away (may only read)',
    grantModerator: 'Make moderator',
    revokeModerator: 'Remove moderator',
    makeMember: 'Make member',
    makeAdmin: 'Make admin',
    makeOwner: 'Make owner',
    removeAffiliation: 'Remove membership, admin or owner rights',
    ban: 'Ban from the room',
    destroy: 'Destroy room…',
    destroyTitle: 'Destroy room',
    destroyQuestion: 'Destroy {{room}} for everyone? Everyone in it is sent out, and its address no longer leads anywhere. This cannot be undone.',
    destroyConfirm: 'Destroy',
  },
} as const;
