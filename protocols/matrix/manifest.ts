/** What the Matrix plugin declares: capabilities, the account dialog and its commands. */
import type { PluginManifest } from '../api/index.js';
import { ALLOW_PLAIN_PASSWORD_LABEL } from './plainHttp.js';
import { USER_ID_PATTERN } from './settings.js';

export const manifest: PluginManifest = {
  id: 'matrix',
  name: 'Matrix',
  version: '0.1.0',
  apiVersion: '^0.8.0',
  description: 'Matrix: rooms and direct chats on any homeserver, with end-to-end encryption.',
  capabilities: {
    directMessages: true,
    rooms: true,
    actions: true,
    topics: true,
    typing: true,
    contactList: true,
    history: true,
    edits: true,
    deletes: true,
    reactions: true,
    replies: true,
    // §Threading: m.thread relations, shown in a thread panel.
    threads: true,
    // §Ignoring Users: anyone can be ignored, from a room's member list.
    blockMembers: true,
    receipts: true,
    presence: true,
    // Presence `offline` while still syncing (spec §Presence): shown offline, still receiving.
    invisible: true,
    fileUpload: true,
    fileDownload: true,
    encryption: true,
    invites: true,
    kicks: true,
    roomDirectory: true,
    roomDirectoryServers: true,
    // §Profiles: a display name and a picture (an mxc:// URI) per user.
    ownProfile: true,
    ownProfileRead: true,
    // The homeserver answers a resent transaction id with the same event (spec: transaction identifiers).
    resendSafe: true,
  },
  accountLabelField: 'userId',
  roomPlaceholder: '#room:example.org',
  accountFields: [
    {
      key: 'userId', kind: 'text', label: 'User ID', required: true, placeholder: '@alice:example.org',
      pattern: USER_ID_PATTERN, patternMessage: 'A Matrix user ID looks like @name:server, for example @alice:example.org.',
    },
    { key: 'password', kind: 'secret', label: 'Password' },
    {
      key: 'homeserver', kind: 'text', label: 'Homeserver URL', advanced: true, placeholder: 'https://matrix.example.org',
      help: 'Leave empty to find it from your user ID (.well-known discovery).',
    },
    {
      key: 'allowPlainPassword', kind: 'boolean', label: ALLOW_PLAIN_PASSWORD_LABEL, advanced: true, default: false,
      help: 'Only for an http:// homeserver on a network you trust: lets the password and access token go out unencrypted. A homeserver on this machine (localhost, 127.0.0.1) needs no permission.',
    },
    {
      key: 'privateReadReceipts', kind: 'boolean', label: 'Private read receipts', advanced: true, default: false,
      help: 'When on, others in a room do not see how far you have read; your other devices still do.',
    },
    {
      key: 'accessToken', kind: 'secret', label: 'Access token', advanced: true,
      help: 'Log in with an existing access token instead of the password.',
    },
    {
      key: 'deviceName', kind: 'text', label: 'Device name', advanced: true, placeholder: 'Switchboard',
      help: 'How this session appears in your list of devices.',
    },
    {
      key: 'acceptDirectInvites', kind: 'boolean', label: 'Open direct chats from anyone at once', advanced: true, default: false,
      help: 'When on, anyone who invites you to a direct chat gets it at once, spam included. When off, the invitation waits for you to accept it, like a room invitation.',
    },
  ],
  commands: [
    { name: 'logout', usage: '/logout', description: 'Log this device out of the homeserver (the access token stops working) and go offline.' },
    { name: 'devices', usage: '/devices', description: 'List your devices and whether each is verified.' },
    { name: 'verify', usage: '/verify <@user:server> [device]', description: 'Start an emoji (SAS) verification with another user or one of your devices.' },
    { name: 'recovery', usage: '/recovery setup [passphrase] | /recovery <recovery key or passphrase>', description: 'Set up cross-signing, a recovery key (optionally from a passphrase) and key backup, or enter your recovery key on a new device to read older encrypted messages.' },
  ],
};
