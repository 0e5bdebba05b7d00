/** What the XMPP plugin declares: capabilities and the account dialog. */
import type { PluginManifest } from '../api/index.js';
import { DEFAULT_KEEP_ALIVE } from './stream/keepAlive.js';

export const manifest: PluginManifest = {
  id: 'xmpp',
  name: 'XMPP',
  version: '0.1.0',
  apiVersion: '^0.8.0',
  description: 'XMPP (Jabber): contacts, chats and group chats (MUC) on any XMPP server, with server history (MAM), carbons and file upload.',
  capabilities: {
    directMessages: true, rooms: true, actions: true, topics: true, typing: true, contactList: true, history: true,
    roomPasswords: true, edits: true, deletes: true, reactions: true, replies: true, receipts: true, presence: true, invisible: true,
    contactManagement: true, contactGroups: true, fileUpload: true, invites: true, kicks: true, avatars: true, roomNicks: true, ownProfile: true, ownProfileRead: true,
    // XEP-0045: the directory on the server's MUC service (§6), roles and affiliations (§8–§10), destroying a room (§10.9), its settings (§10.2),
    // the affiliation lists by address of people present or not (§9.2, §9.5, §9.8, §10.5).
    roomDirectory: true, memberRoles: true, destroyRooms: true, roomSettings: true, affiliationLists: true,
    // One-to-one chats: the receiver drops a resent copy by its id (origin-id, XEP-0359).
    resendSafe: true,
    // The core joins the rooms after each login (its open rooms and the autojoin bookmarks), before its outbox drains.
    coreRejoinsRooms: true,
    // OMEMO (XEP-0384 v0.3) in one-to-one chats and private rooms, when the account turns it on.
    encryption: true,
    // OMEMO's encrypted files (aesgcm:// links, XEP-0454) are fetched and decrypted by the plugin.
    fileDownload: true,
  },
  accountLabelField: 'jid',
  roomPlaceholder: 'room@conference.example.org',
  accountFields: [
    {
      key: 'jid', kind: 'text', label: 'JID', required: true, placeholder: 'alice@example.org', maxLength: 3071,
      pattern: '[^@/\\s]+@[^@/\\s]+', patternMessage: 'An XMPP address looks like alice@example.org.',
    },
    // Required: the plugin logs in only with SASL SCRAM or PLAIN (RFC 6120 §6; no ANONYMOUS or EXTERNAL),
    // so an account whose password the secret store lost is shown as "password needed".
    { key: 'password', kind: 'secret', label: 'Password', required: true },
    {
      key: 'security', kind: 'choice', label: 'Connection security', default: 'starttls',
      choices: [
        { value: 'tls', label: 'Direct TLS' },
        { value: 'starttls', label: 'STARTTLS' },
        { value: 'plain', label: 'Plain (insecure)' },
      ],
      help: 'Direct TLS (XEP-0368) or STARTTLS encrypt the connection; plain sends everything readable by anyone on the way.',
    },
    { key: 'resource', kind: 'text', label: 'Resource', advanced: true, maxLength: 200, help: 'Names this device to your other devices; a random one is chosen if empty.' },
    { key: 'server', kind: 'text', label: 'Server', advanced: true, placeholder: 'xmpp.example.org', help: 'Connect to this host instead of the one DNS (SRV) gives for your JID\'s domain.' },
    { key: 'port', kind: 'number', label: 'Port', advanced: true, min: 1, max: 65535, help: 'Default: 5222 for STARTTLS and plain, 5223 for direct TLS.' },
    {
      key: 'allowPlainPassword', kind: 'boolean', label: 'Allow sending my password without encryption', advanced: true, default: false,
      help: 'Only for servers without TLS on a trusted network: lets the password go out in clear text (SASL PLAIN).',
    },
    {
      key: 'pingInterval', kind: 'number', label: 'Ping interval (seconds)', advanced: true, default: DEFAULT_KEEP_ALIVE.intervalMs / 1000, min: 1, max: 3600,
      help: 'After this long without a word from the server, check that it is still there.',
    },
    {
      key: 'pingTimeout', kind: 'number', label: 'Ping timeout (seconds)', advanced: true, default: DEFAULT_KEEP_ALIVE.timeoutMs / 1000, min: 2, max: 3600,
      help: 'After this long without a word from the server, the connection counts as lost and is made again. Must be longer than the ping interval.',
    },
    {
      key: 'omemo', kind: 'boolean', label: 'End-to-end encryption (OMEMO)', default: false,
      help: 'Encrypt one-to-one chats with contacts whose app speaks OMEMO (Conversations, Gajim, Dino, …), and read their encrypted messages. /omemo off in a chat sends it unencrypted; /omemo fingerprints shows the keys to compare.',
    },
    {
      key: 'trustedFingerprint', kind: 'text', label: 'Trusted certificate fingerprint (SHA-256)', advanced: true,
      help: 'Accept exactly this certificate (AB:CD:… as shown when the connection was refused); any other certificate must pass normal verification.',
    },
  ],
  commands: [
    {
      name: 'omemo', usage: '/omemo on | off | fingerprints [jid] | verify [jid] <fingerprint>',
      description: 'End-to-end encryption (OMEMO) in this chat or private room: turn it on or off, list the fingerprints of its devices, or mark a device verified after comparing its fingerprint.',
    },
  ],
};
