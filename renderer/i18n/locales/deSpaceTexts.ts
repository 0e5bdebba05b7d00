/** German texts of spaces as buddy-list groups and other servers' room directories (see enSpaceTexts.ts). */
import type { Catalogue } from './en.js';
import type { enSpaceTexts } from './enSpaceTexts.js';

export const deSpaceTexts: Catalogue<typeof enSpaceTexts> = {
  spaces: {
    rooms: 'Räume in diesem Space…',
    roomsOf: 'Räume von {{group}}',
    dialogTitle: 'Räume in {{space}}',
    intro: 'Räume dieses Space, in denen du noch nicht bist. Wähle einen, um ihn zu betreten.',
    filter: 'Räume filtern',
    loading: 'Räume werden gesucht…',
    none: 'Du bist schon in jedem Raum dieses Space.',
    failed: 'Räume konnten nicht aufgelistet werden: {{error}}',
    list: 'Räume zum Betreten',
    joining: 'Wird betreten…',
  },
  directoryServer: {
    label: 'Server (optional)',
    help: 'Die öffentlichen Räume eines anderen Servers, etwa matrix.org. Leer: die deines eigenen Servers.',
  },
};
