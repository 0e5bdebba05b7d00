/**
 * English texts of spaces shown as buddy-list groups and of other servers' room directories,
 * part of en.ts, in a module of their own so that branches adding to en.ts do not collide.
 */
export const enSpaceTexts = {
  spaces: {
    rooms: 'Rooms in this space…',
    roomsOf: 'Rooms of {{group}}',
    dialogTitle: 'Rooms in {{space}}',
    intro: 'Rooms of this space you are not in yet. Choose one to join it.',
    filter: 'Filter rooms',
    loading: 'Looking for the rooms…',
    none: 'You are in every room of this space.',
    failed: 'Could not list the rooms: {{error}}',
    list: 'Rooms to join',
    joining: 'Joining…',
  },
  directoryServer: {
    label: 'Server (optional)',
    help: 'Another server\'s public rooms, such as matrix.org. Empty: your own server\'s.',
  },
} as const;
