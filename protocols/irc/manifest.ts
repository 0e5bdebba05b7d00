/** What the IRC plugin declares: capabilities and the account dialog. */
import type { PluginManifest } from '../api/index.js';
import { NICK_PATTERN } from './settings.js';

export const manifest: PluginManifest = {
  id: 'irc',
  name: 'IRC',
  version: '0.1.0',
  apiVersion: '^0.1.0',
  description: 'Internet Relay Chat: channels and private messages on any IRC network.',
  capabilities: { directMessages: true, rooms: true, actions: true, topics: true, roomPasswords: true },
  accountLabelField: 'nick',
  roomPlaceholder: '#channel',
  accountFields: [
    { key: 'server', kind: 'text', label: 'Server', required: true, placeholder: 'irc.libera.chat' },
    { key: 'port', kind: 'number', label: 'Port', default: 6697, min: 1, max: 65535 },
    { key: 'tls', kind: 'boolean', label: 'Use TLS', default: true },
    {
      key: 'nick', kind: 'text', label: 'Nickname', required: true, pattern: NICK_PATTERN, maxLength: 30,
      patternMessage: 'Letters, digits and [ ] \\ ` _ ^ { | } -, not starting with a digit or -, at most 30 characters.',
    },
    { key: 'password', kind: 'secret', label: 'Server password', help: 'Only if the server itself asks for one (PASS); leave empty otherwise.' },
    { key: 'username', kind: 'text', label: 'Username', advanced: true, help: 'The ident part of your address; defaults to the nickname.' },
    { key: 'realname', kind: 'text', label: 'Real name', advanced: true, help: 'Shown to others in WHOIS.' },
    {
      key: 'trustedFingerprint', kind: 'text', label: 'Trusted certificate fingerprint (SHA-256)', advanced: true,
      help: 'Accept exactly this self-signed certificate (AB:CD:… as shown when the connection was refused); any other certificate must pass normal verification.',
    },
  ],
};
