/**
 * English texts of single sign-on in the Add account dialog (Matrix), part of en.ts, in a
 * module of their own so that branches adding to en.ts do not collide.
 */
export const enSignInTexts = {
  signIn: {
    group: 'Other ways to sign in',
    checking: 'Asking {{server}} how to sign in…',
    withProvider: 'Sign in with {{name}}',
    withSso: 'Sign in with single sign-on',
    orPassword: 'Or enter your password above.',
    noPassword: 'This homeserver does not take passwords: sign in with one of the buttons.',
    waiting: 'Finish signing in in the browser window that opened. Switchboard waits for it here.',
    openAgain: 'No window? Open the sign-in page',
    cancel: 'Cancel sign-in',
    signedIn: 'Signed in as {{userId}}. Adding the account…',
    oauth: 'This homeserver signs users in through OAuth 2.0 at {{issuer}} (next-generation auth), which Switchboard cannot do yet. Use single sign-on if it is offered, or an access token (advanced settings).',
    otherUser: 'You signed in as {{userId}}, but this account is {{account}}. Sign in as {{account}}, or add a new account.',
    lookupFailed: 'Could not ask the homeserver how to sign in: {{reason}}',
  },
} as const;
