/** German texts of a room's affiliation lists (see enRoomListsTexts.ts). */
import type { Catalogue } from './en.js';
import type { enRoomListsTexts } from './enRoomListsTexts.js';

export const deRoomListsTexts: Catalogue<typeof enRoomListsTexts> = {
  roomLists: {
    open: 'Mitglieder und Verbannte…',
    title: 'Mitglieder und Verbannte',
    intro: 'Wer {{room}} betreten darf, wer nicht und wer ihn leitet, nach Adresse: ob gerade im Raum oder nicht.',
    which: 'Liste',
    member: 'Mitglieder',
    outcast: 'Verbannte',
    admin: 'Administratoren',
    owner: 'Besitzer',
    loading: 'Die Liste wird geladen…',
    empty: 'Niemand steht auf dieser Liste.',
    reasonShown: 'Grund: {{reason}}',
    removeNamed: '{{address}} von der Liste entfernen',
    remove: 'Entfernen',
    address: 'Hinzuzufügende Adresse',
    addressHelp: 'Eine Adresse wie name@example.org; der Name eines Servers (example.org) steht für alle darauf.',
    reason: 'Grund (freiwillig)',
    addMember: 'Mitglied hinzufügen',
    addOutcast: 'Verbannen',
    addAdmin: 'Administrator hinzufügen',
    addOwner: 'Besitzer hinzufügen',
    noAddress: 'Gib die hinzuzufügende Adresse ein.',
    badAddress: '„{{address}}“ ist keine Adresse: schreib sie als name@example.org.',
    added: '{{address}} wurde hinzugefügt.',
    removed: '{{address}} wurde entfernt.',
  },
};
