/** What the IRC plugin declares: capabilities, the account dialog and the slash commands. */
import type { PluginManifest } from '../api/index.js';
import { COMMANDS } from './commandList.js';
import { ALLOW_PLAIN_PASSWORD_LABEL } from './plainPassword.js';
import { DEFAULT_KEEP_ALIVE, NICK_PATTERN } from './settings.js';

export const manifest: PluginManifest = {
  id: 'irc',
  name: 'IRC',
  version: '0.2.0',
  apiVersion: '^0.8.0',
  description: 'Internet Relay Chat with IRCv3: channels and private messages on any IRC network.',
  capabilities: {
    directMessages: true, rooms: true, actions: true, topics: true, roomPasswords: true, typing: true,
    contactList: true, contactManagement: true, history: true, presence: true, roomDirectory: true,
    invites: true, kicks: true, coreRejoinsRooms: true, replies: true, reactions: true, deletes: true, receipts: true,
    fileUpload: true, fileDownload: true,
  },
  accountLabelField: 'nick',
  roomPlaceholder: '#channel',
  commands: COMMANDS,
  accountFields: [
    { key: 'server', kind: 'text', label: 'Server', required: true, placeholder: 'irc.libera.chat' },
    { key: 'port', kind: 'number', label: 'Port', default: 6697, min: 1, max: 65535 },
    { key: 'tls', kind: 'boolean', label: 'Use TLS', default: true },
    {
      key: 'nick', kind: 'text', label: 'Nickname', required: true, pattern: NICK_PATTERN, maxLength: 30,
      patternMessage: 'Letters, digits and [ ] \\ ` _ ^ { | } -, not starting with a digit or -, at most 30 characters.',
    },
    { key: 'password', kind: 'secret', label: 'Server password', help: 'Only if the server itself asks for one (PASS); leave empty otherwise.' },
    {
      key: 'accountPassword', kind: 'secret', label: 'Account password',
      help: 'Your registered account\'s password: used for SASL login, or sent to NickServ when the server has no SASL.',
    },
    {
      key: 'allowPlainPassword', kind: 'boolean', label: ALLOW_PLAIN_PASSWORD_LABEL, advanced: true, default: false,
      help: 'Only for a server without TLS on a network you trust: with "Use TLS" off, the server password, the account password (SASL PLAIN) and NickServ IDENTIFY are readable by anyone on the way. Without this, such a login is refused. Addresses like 127.0.0.1 get no exception (a tunnel may end elsewhere).',
    },
    { key: 'autojoin', kind: 'text', label: 'Channels to join', placeholder: '#chat, #help, #secret key', help: 'Joined after every login, comma-separated; a key may follow a channel name.' },
    { key: 'username', kind: 'text', label: 'Username', advanced: true, help: 'The ident part of your address; defaults to the nickname.' },
    { key: 'realname', kind: 'text', label: 'Real name', advanced: true, help: 'Shown to others in WHOIS.' },
    { key: 'altNicks', kind: 'text', label: 'Alternate nicknames', advanced: true, help: 'Tried in order when the nickname is taken, comma-separated; then the nickname with _ appended.' },
    { key: 'account', kind: 'text', label: 'Account name', advanced: true, help: 'The account to log in to, when it differs from the nickname.' },
    {
      key: 'saslMechanism', kind: 'choice', label: 'Login method', advanced: true, default: 'auto',
      choices: [
        { value: 'auto', label: 'Automatic (SASL SCRAM-SHA-256 or PLAIN with the account password, else NickServ)' },
        { value: 'plain', label: 'SASL PLAIN (fail when the server has no SASL)' },
        { value: 'scram-sha-256', label: 'SASL SCRAM-SHA-256 (the password never leaves this computer; fail when the server does not offer it)' },
        { value: 'external', label: 'SASL EXTERNAL (client certificate)' },
      ],
    },
    { key: 'clientCertificate', kind: 'text', label: 'Client certificate (PEM file)', advanced: true, help: 'Path of a PEM file with your certificate and its private key, for SASL EXTERNAL or CertFP.' },
    {
      key: 'bouncerNetwork', kind: 'text', label: 'Bouncer network', advanced: true,
      help: 'For a soju bouncer: the id of the network this account uses (the bouncer lists its networks on the server console of an account without one).',
    },
    { key: 'encoding', kind: 'text', label: 'Fallback encoding', advanced: true, default: 'latin1', help: 'How to read lines that are not valid UTF-8 (latin1, windows-1251, koi8-r, …).' },
    {
      key: 'pingInterval', kind: 'number', label: 'Ping interval (seconds)', advanced: true, default: DEFAULT_KEEP_ALIVE.intervalSeconds, min: 1, max: 3600,
      help: 'How often to check that the server is still there.',
    },
    {
      key: 'pingTimeout', kind: 'number', label: 'Ping timeout (seconds)', advanced: true, default: DEFAULT_KEEP_ALIVE.timeoutSeconds, min: 2, max: 3600,
      help: 'After this long without a word from the server, the connection counts as lost and is made again. Must be longer than the ping interval.',
    },
    {
      key: 'trustedFingerprint', kind: 'text', label: 'Trusted certificate fingerprint (SHA-256)', advanced: true,
      help: 'Accept exactly this self-signed certificate (AB:CD:… as shown when the connection was refused); any other certificate must pass normal verification.',
    },
    {
      key: 'proxy', kind: 'text', label: 'SOCKS5 proxy', advanced: true, placeholder: '127.0.0.1:9050',
      help: 'host:port of a SOCKS5 proxy (Tor: 127.0.0.1:9050). Every connection of this account goes through it, and the server\'s name is resolved by the proxy.',
    },
    { key: 'proxyUser', kind: 'text', label: 'Proxy user name', advanced: true, help: 'Only if the proxy asks for a login.' },
    { key: 'proxyPassword', kind: 'secret', label: 'Proxy password', advanced: true },
    {
      key: 'dccPassive', kind: 'boolean', label: 'Send files passively (DCC behind NAT)', advanced: true, default: false,
      help: 'Files you send in a private chat go person to person (DCC). Normally the other side connects to you; behind a home router that often fails. Passive: the other side listens and you connect to it.',
    },
    { key: 'dccAddress', kind: 'text', label: 'DCC address', advanced: true, placeholder: '203.0.113.7', help: 'The IP address others connect to for your files; by default that of the connection to the server.' },
    { key: 'dccPorts', kind: 'text', label: 'DCC ports', advanced: true, placeholder: '5000-5015', help: 'Ports to listen on for files (forward them in your router); by default any free port.' },
    {
      key: 'dccAllowLocal', kind: 'boolean', label: 'Accept DCC from local network addresses', advanced: true, default: false,
      help: 'Offers naming 127.0.0.1, 192.168.x.x or another local address are refused: a stranger could make this computer connect to services that trust only local connections. Turn on only to exchange files with someone on your own network.',
    },
  ],
};
