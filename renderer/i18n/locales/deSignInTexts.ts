/** German texts of single sign-on in the Add account dialog (see enSignInTexts.ts). */
import type { Catalogue } from './en.js';
import type { enSignInTexts } from './enSignInTexts.js';

export const deSignInTexts: Catalogue<typeof enSignInTexts> = {
  signIn: {
    group: 'Andere Anmeldewege',
    checking: 'Frage {{server}}, wie die Anmeldung geht…',
    withProvider: 'Mit {{name}} anmelden',
    withSso: 'Mit Single Sign-on anmelden',
    orPassword: 'Oder gib oben dein Passwort ein.',
    noPassword: 'Dieser Homeserver nimmt keine Passwörter: Melde dich mit einer der Schaltflächen an.',
    waiting: 'Schließe die Anmeldung im geöffneten Browserfenster ab. Switchboard wartet hier darauf.',
    openAgain: 'Kein Fenster? Anmeldeseite öffnen',
    cancel: 'Anmeldung abbrechen',
    signedIn: 'Angemeldet als {{userId}}. Das Konto wird hinzugefügt…',
    oauth: 'Dieser Homeserver meldet Nutzer über OAuth 2.0 bei {{issuer}} an (Next-Generation-Auth); das kann Switchboard noch nicht. Nimm Single Sign-on, wenn angeboten, oder ein Zugriffstoken (erweiterte Einstellungen).',
    otherUser: 'Du hast dich als {{userId}} angemeldet, dieses Konto ist aber {{account}}. Melde dich als {{account}} an oder füge ein neues Konto hinzu.',
    lookupFailed: 'Konnte den Homeserver nicht fragen, wie die Anmeldung geht: {{reason}}',
  },
};
