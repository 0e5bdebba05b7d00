/** INVITE (RFC 2812 §3.2.7): an invitation to us, or to someone else with invite-notify (https://ircv3.net/specs/extensions/invite-notify). */
import type { IrcMessage } from 'irc-framework';
import type { ProtocolEvent } from '../api/index.js';
import { serverTime } from './incoming.js';
import type { NameRules } from './names.js';
import type { RoomTracker } from './rooms.js';

export interface InviteHost {
  readonly emit: (event: ProtocolEvent) => void;
  readonly names: NameRules;
  readonly rooms: RoomTracker;
  readonly selfNick: () => string;
}

/** Ours is offered as a request (Join / Ignore); someone else's is a line in the channel. */
export function onInvite(host: InviteHost, message: IrcMessage): void {
  const { names } = host;
  const [invited = '', channel = ''] = message.params;
  const from = message.nick ?? 'someone';
  if (names.fold(invited) !== names.fold(host.selfNick())) {
    const id = names.fold(channel);
    if (host.rooms.has(id)) host.rooms.note(id, from, `${from} invited ${invited}`, serverTime({ tags: message.tags }));
    return;
  }
  host.emit({
    type: 'request.raised',
    request: {
      id: `invite:${names.fold(channel)}`, kind: 'room-invite', title: `${from} invites you to ${channel}`,
      fromId: names.fold(from), conversationId: names.fold(channel),
      choices: [{ id: 'accept', label: 'Join' }, { id: 'decline', label: 'Ignore' }],
    },
  });
}
