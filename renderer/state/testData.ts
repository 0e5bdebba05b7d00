/** Sample bridge values for the renderer's tests. */
import type { AccountView, ContactView, ConversationView, MemberView, MessageView, PluginView, RequestView } from '../../electron/bridge/schemas.js';

export function account(overrides: Partial<AccountView> = {}): AccountView {
  return {
    id: 'acc-1', pluginId: 'irc', label: 'alice on irc.example', settings: {}, secretsStored: [],
    enabled: true, state: 'online', ...overrides,
  };
}

export function conversation(overrides: Partial<ConversationView> = {}): ConversationView {
  return {
    id: 1, accountId: 'acc-1', networkId: '#test', kind: 'room', title: '#test', joined: true, unread: 0,
    lastActivity: 0, ...overrides,
  };
}

export function message(overrides: Partial<MessageView> = {}): MessageView {
  return {
    id: 1, conversationId: 1, senderId: 'bob', senderName: 'bob', kind: 'text', body: 'hello',
    timestamp: 1_000, direction: 'in', status: 'received', ...overrides,
    // Unless a test says otherwise, messages are in the order of their times.
    order: overrides.order ?? overrides.timestamp ?? 1_000,
  };
}

export function member(id: string, role?: MemberView['role']): MemberView {
  return role === undefined ? { id, displayName: id } : { id, displayName: id, role };
}

export const ircPlugin: PluginView = {
  id: 'irc',
  name: 'IRC',
  version: '1.0.0',
  capabilities: { rooms: true, directMessages: true, actions: true, roomPasswords: true },
  accountLabelField: 'nick',
  roomPlaceholder: '#channel',
  accountFields: [
    { kind: 'text', key: 'server', label: 'Server', required: true, placeholder: 'irc.libera.chat', help: 'Host name of the IRC server.' },
    { kind: 'text', key: 'nick', label: 'Nickname', required: true, pattern: '[A-Za-z_][A-Za-z0-9_\\-\\[\\]{}|^`]*', patternMessage: 'A nickname starts with a letter.' },
    { kind: 'secret', key: 'password', label: 'Password', help: 'SASL password, if the network needs one.' },
    { kind: 'number', key: 'port', label: 'Port', default: 6697, min: 1, max: 65535, advanced: true },
    { kind: 'boolean', key: 'tls', label: 'Use TLS', default: true, advanced: true },
    { kind: 'choice', key: 'sasl', label: 'SASL mechanism', choices: [{ value: 'plain', label: 'PLAIN' }, { value: 'external', label: 'EXTERNAL' }], default: 'plain', advanced: true },
  ],
};

export function contact(overrides: Partial<ContactView> = {}): ContactView {
  return { accountId: 'acc-1', id: 'bob@example.org', displayName: 'Bob', groups: [], presence: { status: 'available' }, ...overrides };
}

export function request(overrides: Partial<RequestView> = {}): RequestView {
  return {
    accountId: 'acc-1', id: 'req-1', kind: 'subscription', title: 'bob@example.org wants to see your presence',
    choices: [{ id: 'allow', label: 'Allow' }, { id: 'deny', label: 'Deny' }], raisedAt: 1_000, ...overrides,
  };
}

/** A plugin with every 0.2 capability, commands and contact management (XMPP-like). */
export const richPlugin: PluginView = {
  id: 'rich',
  name: 'Rich',
  version: '1.0.0',
  capabilities: {
    rooms: true, directMessages: true, actions: true, typing: true, history: true, edits: true, deletes: true, reactions: true,
    replies: true, receipts: true, presence: true, contactList: true, contactManagement: true, roomDirectory: true,
  },
  accountLabelField: 'jid',
  accountFields: [{ kind: 'text', key: 'jid', label: 'JID', required: true }],
  commands: [
    { name: 'whois', usage: '/whois <nick>', description: 'Show who someone is' },
    { name: 'topic', usage: '<text>', description: 'Change the topic' },
  ],
};
