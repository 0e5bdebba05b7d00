/** German texts of room administration (see enRoomAdminTexts.ts). */
import type { Catalogue } from './en.js';
import type { enRoomAdminTexts } from './enRoomAdminTexts.js';

export const deRoomAdminTexts: Catalogue<typeof enRoomAdminTexts> = {
  roomAdmin: {
    roles: 'Rollen…',
    rolesNamed: 'Rolle von {{name}} ändern',
    roleTitle: 'Rolle ändern',
    roleQuestion: 'Was soll sich für {{name}} in {{room}} ändern?',
    gone: '{{name}} ist nicht mehr im Raum.',
    nothingAllowed: 'Deine Rolle im Raum erlaubt für {{name}} gerade keine Änderung.',
    change: 'Änderung',
    apply: 'Übernehmen',
    grantVoice: 'Rederecht geben (darf in einem moderierten Raum schreiben)',
    revokeVoice: 'Rederecht entziehen (darf nur mitlesen)',
    grantModerator: 'Zum Moderator machen',
    revokeModerator: 'Moderatorrechte entziehen',
    makeMember: 'Zum Mitglied machen',
    makeAdmin: 'Zum Administrator machen',
    makeOwner: 'Zum Besitzer machen',
    removeAffiliation: 'Mitgliedschaft, Administrator- oder Besitzerrechte entziehen',
    ban: 'Aus dem Raum verbannen',
    settings: 'Raumeinstellungen…',
    settingsTitle: 'Raumeinstellungen',
    settingsOf: 'Einstellungen von {{room}}, als dessen Besitzer.',
    settingsLoading: 'Die Einstellungen des Raums werden geladen…',
    membersOnly: 'Nur für Mitglieder: nur Mitglieder dürfen hinein',
    persistent: 'Dauerhaft: der Raum bleibt, wenn alle gegangen sind',
    moderated: 'Moderiert: nur wer Rederecht hat, darf schreiben',
    password: 'Passwort zum Betreten (leer für keines)',
    save: 'Einstellungen speichern',
    destroy: 'Raum auflösen…',
    destroyTitle: 'Raum auflösen',
    destroyQuestion: '{{room}} für alle auflösen? Alle darin werden hinausgeschickt, und seine Adresse führt nirgends mehr hin. Das lässt sich nicht rückgängig machen.',
    destroyConfirm: 'Auflösen',
  },
};
