/**
 * Room invitations in: mediated (XEP-0045 §7.8.2, through the room) and direct (XEP-0249),
 * raised to the user as `room-invite` requests, one open request per room.
 */
import { ProtocolError } from '../api/index.js';
import type { XmppCore } from './core.js';
import { bare } from './jid.js';
import { NS, attr, child, childText, xml, type Element } from './xml.js';

export interface Invitation {
  readonly room: string;
  readonly from?: string;
  readonly reason?: string;
  readonly password?: string;
  /** Mediated invitations can be declined through the room. */
  readonly mediated: boolean;
}

const MAX_OPEN = 100;

/** The invitation in a message, if it carries one. */
export function readInvitation(stanza: Element): Invitation | undefined {
  const x = child(stanza, 'x', NS.mucUser);
  const invite = child(x, 'invite', NS.mucUser);
  // Mediated first: rooms add a jabber:x:conference element too, for older clients.
  if (x && invite) {
    const room = bare(attr(stanza, 'from'));
    if (!room) return undefined;
    const from = bare(attr(invite, 'from'));
    const reason = childText(invite, 'reason', NS.mucUser)?.trim().slice(0, 500);
    const password = childText(x, 'password', NS.mucUser);
    return { room, mediated: true, ...(from ? { from } : {}), ...(reason ? { reason } : {}), ...(password !== undefined ? { password } : {}) };
  }
  const direct = child(stanza, 'x', NS.conference);
  if (direct) {
    const room = bare(attr(direct, 'jid'));
    if (!room) return undefined;
    const from = bare(attr(stanza, 'from'));
    const reason = attr(direct, 'reason')?.trim().slice(0, 500);
    const password = attr(direct, 'password');
    return { room, mediated: false, ...(from ? { from } : {}), ...(reason ? { reason } : {}), ...(password !== undefined ? { password } : {}) };
  }
  return undefined;
}

export class Invitations {
  private readonly open = new Map<string, Invitation>();

  constructor(private readonly core: XmppCore, private readonly isJoined: (room: string) => boolean) {}

  requestId(room: string): string {
    return `invite:${room}`;
  }

  onInvitation(invitation: Invitation): void {
    if (this.isJoined(invitation.room) || this.open.has(invitation.room)) return;
    if (this.open.size >= MAX_OPEN) {
      this.core.log.warn(`XMPP: ignoring an invitation to ${invitation.room}: too many open invitations`);
      return;
    }
    this.open.set(invitation.room, invitation);
    this.core.emit({
      type: 'request.raised',
      request: {
        id: this.requestId(invitation.room),
        kind: 'room-invite',
        title: `${invitation.from ?? 'Someone'} invites you to ${invitation.room}`,
        conversationId: invitation.room,
        ...(invitation.from ? { fromId: invitation.from } : {}),
        ...(invitation.reason ? { detail: invitation.reason } : {}),
        choices: [{ id: 'accept', label: 'Join' }, { id: 'decline', label: 'Decline' }],
      },
    });
  }

  has(room: string): boolean {
    return this.open.has(room);
  }

  /** Accept (join, with the invitation's password) or decline (§7.8.2 decline for mediated ones). */
  async answer(room: string, choice: string, join: (room: string, password?: string) => Promise<unknown>): Promise<void> {
    const invitation = this.open.get(room);
    if (!invitation) throw new ProtocolError('protocol', `There is no open invitation to ${room}.`);
    if (choice === 'accept') {
      await join(room, invitation.password);
    } else if (choice === 'decline') {
      if (invitation.mediated && invitation.from) {
        await this.core.send(xml('message', { to: room }, xml('x', { xmlns: NS.mucUser }, xml('decline', { to: invitation.from }))));
      }
    } else {
      throw new ProtocolError('protocol', `"${choice}" is not an answer to an invitation.`);
    }
    this.open.delete(room);
    this.core.emit({ type: 'request.closed', requestId: this.requestId(room) });
  }

  /** A room was joined by other means: its invitation is settled. */
  joined(room: string): void {
    if (this.open.delete(room)) this.core.emit({ type: 'request.closed', requestId: this.requestId(room) });
  }
}
