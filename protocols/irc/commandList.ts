/** The slash commands the IRC plugin adds to the composer (the core does /me itself). */
import type { PluginCommand } from '../api/index.js';

export const COMMANDS: readonly PluginCommand[] = [
  { name: 'join', usage: '/join #channel [key]', description: 'Join a channel.' },
  { name: 'part', usage: '/part [#channel] [reason]', description: 'Leave this or another channel.' },
  { name: 'msg', usage: '/msg <nick|#channel> <text>', description: 'Send a message without opening a tab.' },
  { name: 'query', usage: '/query <nick> [text]', description: 'Open a private conversation.' },
  { name: 'nick', usage: '/nick <newnick>', description: 'Change your nickname.' },
  { name: 'topic', usage: '/topic [text]', description: 'Show or set this channel\'s topic.' },
  { name: 'away', usage: '/away [message]', description: 'Mark yourself away; without a message, back.' },
  { name: 'whois', usage: '/whois <nick>', description: 'Show who someone is.' },
  { name: 'invite', usage: '/invite <nick> [#channel]', description: 'Invite someone into this or another channel.' },
  { name: 'kick', usage: '/kick <nick> [reason]', description: 'Remove someone from this channel.' },
  { name: 'mode', usage: '/mode [target] <modes> [args]', description: 'Show or change channel or user modes.' },
  { name: 'quote', usage: '/quote <raw line>', description: 'Send a raw line to the server.' },
  { name: 'notice', usage: '/notice <target> <text>', description: 'Send a NOTICE.' },
  { name: 'setname', usage: '/setname <real name>', description: 'Change your real name while connected (where the server allows it).' },
  { name: 'list', usage: '/list [filter]', description: 'List channels on the server.' },
  { name: 'dcc', usage: '/dcc chat <nick>', description: 'Chat with someone directly, computer to computer (DCC), outside the server.' },
];
