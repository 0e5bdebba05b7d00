/**
 * The slash commands of manifest.commands (commandList.ts), run through `runCommand`.
 * Each is checked and turned into protocol lines (RFC 2812 §3); what the server answers
 * arrives as events (server notices for WHOIS and errors, room updates, messages).
 */
import { ProtocolError } from '../api/index.js';
import type { NameRules } from './names.js';
import { directNick } from './outgoing.js';
import { setnameLine } from './realname.js';

export interface CommandHost {
  readonly send: (line: string) => void;
  readonly joinRoom: (room: string, key: string | undefined) => Promise<unknown>;
  readonly leaveRoom: (conversationId: string, reason: string | undefined) => Promise<void>;
  readonly openDirect: (nick: string) => Promise<unknown>;
  readonly sendText: (target: string, text: string, kind: 'text' | 'notice') => Promise<void>;
  readonly setTopic: (conversationId: string, topic: string) => Promise<void>;
  readonly notice: (text: string) => void;
  readonly topicOf: (conversationId: string) => string | undefined;
  readonly names: NameRules;
  /** Whether a capability is enabled (for /setname). */
  readonly hasCap?: (name: string) => boolean;
  /** Offers a direct chat (`/dcc chat`, dcc/dccChat.ts). */
  readonly dccChat?: (nick: string) => void;
}

function words(args: string): string[] {
  return args.trim().split(/\s+/).filter(Boolean);
}

/** The first word and the rest of the line. */
function head(args: string): [string, string] {
  const trimmed = args.trim();
  const space = trimmed.search(/\s/);
  return space < 0 ? [trimmed, ''] : [trimmed.slice(0, space), trimmed.slice(space + 1).trim()];
}

function need(value: string, usage: string): string {
  if (!value) throw new ProtocolError('protocol', `Usage: ${usage}`);
  if (/[\r\n\0]/.test(value)) throw new ProtocolError('protocol', 'Line breaks are not allowed here.');
  return value;
}

function channelOf(names: NameRules, conversationId: string | undefined, explicit: string | undefined, usage: string): string {
  const channel = explicit && names.isChannel(explicit) ? explicit : conversationId;
  if (!channel || !names.isChannel(channel)) throw new ProtocolError('protocol', `Use this in a channel, or name one: ${usage}`);
  return channel;
}

export async function runCommand(host: CommandHost, command: string, args: string, conversationId: string | undefined): Promise<void> {
  if (/[\r\n\0]/.test(args)) throw new ProtocolError('protocol', 'Line breaks are not allowed in a command.');
  const [first, rest] = head(args);
  switch (command.toLowerCase()) {
    case 'join': {
      const [room, key] = words(args);
      await host.joinRoom(need(room ?? '', '/join #channel [key]'), key);
      return;
    }
    case 'part': {
      const explicit = host.names.isChannel(first) ? first : undefined;
      const channel = channelOf(host.names, conversationId, explicit, '/part #channel [reason]');
      await host.leaveRoom(host.names.fold(channel), (explicit ? rest : args.trim()) || undefined);
      return;
    }
    case 'msg':
    case 'notice': {
      const target = need(first, `/${command} <target> <text>`);
      await host.sendText(host.names.isChannel(target) ? target : directNick(target), need(rest, `/${command} <target> <text>`), command === 'msg' ? 'text' : 'notice');
      return;
    }
    case 'query': {
      const nick = directNick(need(first, '/query <nick> [text]'));
      await host.openDirect(nick);
      if (rest) await host.sendText(nick, rest, 'text');
      return;
    }
    case 'nick':
      host.send(`NICK ${directNick(need(first, '/nick <newnick>'))}`);
      return;
    case 'topic': {
      const explicit = host.names.isChannel(first) ? first : undefined;
      const channel = channelOf(host.names, conversationId, explicit, '/topic [#channel] [text]');
      const text = explicit ? rest : args.trim();
      if (text) await host.setTopic(channel, text);
      else host.notice(`Topic of ${channel}: ${host.topicOf(channel) ?? '(none)'}`);
      return;
    }
    case 'away':
      host.send(args.trim() ? `AWAY :${args.trim()}` : 'AWAY');
      return;
    case 'whois':
      host.send(`WHOIS ${directNick(need(first, '/whois <nick>'))}`);
      return;
    case 'invite': {
      const nick = directNick(need(first, '/invite <nick> [#channel]'));
      host.send(`INVITE ${nick} ${channelOf(host.names, conversationId, rest.split(/\s+/)[0], '/invite <nick> #channel')}`);
      return;
    }
    case 'kick': {
      const channel = channelOf(host.names, conversationId, undefined, '/kick <nick> [reason]');
      const nick = directNick(need(first, '/kick <nick> [reason]'));
      host.send(rest ? `KICK ${channel} ${nick} :${rest}` : `KICK ${channel} ${nick}`);
      return;
    }
    case 'mode': {
      // A first word that looks like modes (+H, -o) is not a target, even though + starts channel names too.
      const explicit = first && !/^[+-][A-Za-z]+$/.test(first) ? first : undefined;
      const target = explicit ?? channelOf(host.names, conversationId, undefined, '/mode [target] <modes> [args]');
      const modes = explicit ? rest : args.trim();
      host.send(modes ? `MODE ${target} ${modes}` : `MODE ${target}`);
      return;
    }
    case 'quote':
    case 'raw':
      host.send(need(args.trim(), '/quote <raw line>'));
      return;
    case 'setname':
      host.send(setnameLine(host.hasCap?.('setname') ?? false, args));
      return;
    case 'list':
      host.send(args.trim() ? `LIST ${args.trim()}` : 'LIST');
      return;
    case 'dcc': {
      const [kind = '', nick = ''] = words(args);
      if (kind.toLowerCase() !== 'chat' || !host.dccChat) throw new ProtocolError('protocol', 'Usage: /dcc chat <nick> (files: attach them in a private chat)');
      host.dccChat(need(nick, '/dcc chat <nick>'));
      return;
    }
    default:
      throw new ProtocolError('not-supported', `The IRC plugin has no /${command} command.`);
  }
}
