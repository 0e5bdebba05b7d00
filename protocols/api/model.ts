/**
 * The common data model every network maps onto. All values are plain, serializable data:
 * they cross a worker boundary (structured clone) and the bridge (JSON).
 *
 * Identifiers named `…Id` here are the network's own, unique within one account (an IRC
 * channel name folded to lower case, an XMPP bare JID, a Matrix room id). The core pairs
 * them with the account to make its own local ids.
 */

/** How available someone is, from best to worst. */
export type PresenceStatus = 'available' | 'chat' | 'away' | 'busy' | 'extended-away' | 'offline' | 'unknown';

/** A contact's or the user's presence. */
export interface Presence {
  readonly status: PresenceStatus;
  /** Free text the person set ("in a meeting"). */
  readonly message?: string;
}

/** Someone on the buddy list of one account. */
export interface Contact {
  /** Network id of the contact (nick, bare JID, Matrix user id). */
  readonly id: string;
  /** Name to show. */
  readonly displayName: string;
  /** Groups the contact is in on the network's side. */
  readonly groups?: readonly string[];
  readonly presence: Presence;
}

/** Direct conversations have one other party; rooms have members. */
export type ConversationKind = 'direct' | 'room';

/** A conversation as the network describes it. */
export interface Conversation {
  /** Network id: for a direct conversation, the other party's contact id. */
  readonly id: string;
  readonly kind: ConversationKind;
  /** Name to show in the tab and the room list. */
  readonly title: string;
  /** Room topic, if any. */
  readonly topic?: string;
  /** Whether the user is in the room now (false after a part or a kick). */
  readonly joined?: boolean;
}

/** What kind of line a message is. */
export type MessageKind =
  /** Ordinary text. */
  | 'text'
  /** `/me waves`: body is "waves". */
  | 'action'
  /** An automated or low-priority message (IRC NOTICE, Matrix m.notice). */
  | 'notice'
  /** Something that happened in the conversation (join, part, topic change), written by the plugin. */
  | 'event';

/** A message as received from the network. */
export interface IncomingMessage {
  /** The conversation it belongs to (network id, see {@link Conversation.id}). */
  readonly conversationId: string;
  /**
   * The network's id for this message (IRCv3 msgid, XMPP stanza-id, Matrix event id), when
   * the network has one. Used to drop duplicates from history catch-up.
   */
  readonly networkId?: string;
  /** Network id of the sender. */
  readonly senderId: string;
  /** Name to show for the sender. */
  readonly senderName: string;
  readonly kind: MessageKind;
  /** Plain text; formatting codes removed. */
  readonly body: string;
  /**
   * When the server says the message was sent, in milliseconds since the Unix epoch
   * (IRCv3 server-time, XEP-0203 delay, Matrix origin_server_ts); else the time of receipt.
   */
  readonly timestamp: number;
  /**
   * True when the user sent this message themselves, from this client (a server echo) or
   * from another one (carbons, another device). See {@link SendMessageRequest.localId}.
   */
  readonly fromSelf?: boolean;
  /** When {@link fromSelf} and the network echoes the sender's own id for it. */
  readonly localId?: string;
}

/** A room member. */
export interface Member {
  /** Network id of the member (nick, occupant JID, Matrix user id). */
  readonly id: string;
  readonly displayName: string;
  /**
   * Rank in the room, highest first: `owner`, `admin`, `operator`, `halfop`, `voice`, or
   * absent for an ordinary member.
   */
  readonly role?: 'owner' | 'admin' | 'operator' | 'halfop' | 'voice';
  readonly presence?: Presence;
}
